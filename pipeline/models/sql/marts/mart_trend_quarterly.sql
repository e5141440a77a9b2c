-- depends_on: int_icb_codes_on_date, int_measurement_areas, int_measurement_scores, int_measurement_trend_regions, raw_settings, stg_icbs, stg_regions
-- Involvement index by quarter, per ICB (the measurement model's estimate on its meetings that
-- quarter, scope quarter) and per region (median of its ICBs with papers that quarter), with 90%
-- intervals from the model's draws.
with icb_level as (
    select m.area_code_ods as icb_code_ods, cast(m.period_label as date) as quarter_start_date,
           a.units_searched_count as meetings_with_papers_count,
           m.involvement_index, m.involvement_index_low, m.involvement_index_high
    from int_measurement_scores as m
    join (select distinct scope, period_label, area_code_ods, units_searched_count
          from int_measurement_areas) as a using (scope, period_label, area_code_ods)
    where m.scope = 'quarter'
),
region_level as (
    select i.region_code_ods, l.quarter_start_date, count(*) as icb_count,
           sum(l.meetings_with_papers_count) as meetings_with_papers_count,
           median(l.involvement_index) as involvement_index
    from icb_level as l
    join stg_icbs as i using (icb_code_ods)
    group by i.region_code_ods, l.quarter_start_date
)
select (select dataset from raw_settings) as dataset, 'icb' as level, l.icb_code_ods as area_code_ods,
       c.icb_code_ons as area_code_ons, i.icb_name as area_name, i.region_code_ods, l.quarter_start_date,
       1 as icb_count, l.meetings_with_papers_count, l.involvement_index, l.involvement_index_low,
       l.involvement_index_high
from icb_level as l
join stg_icbs as i using (icb_code_ods)
left join int_icb_codes_on_date as c
    on c.icb_code_ods = l.icb_code_ods
   and greatest(l.quarter_start_date, i.valid_from_date) between c.valid_from_date and c.valid_to_date
union all
select (select dataset from raw_settings), 'region', g.region_code_ods,
       (select min(r.region_code_ons) from stg_regions as r
        where r.region_code_ods = g.region_code_ods
          and g.quarter_start_date between r.valid_from_date and coalesce(r.valid_to_date, date '2100-01-01')),
       (select min(r.region_name) from stg_regions as r where r.region_code_ods = g.region_code_ods),
       g.region_code_ods, g.quarter_start_date, g.icb_count, g.meetings_with_papers_count,
       round(g.involvement_index, 1),
       round(least(t.involvement_index_low, g.involvement_index), 1),
       round(greatest(t.involvement_index_high, g.involvement_index), 1)
from region_level as g
left join int_measurement_trend_regions as t using (region_code_ods, quarter_start_date)
order by 2, 3, 7
