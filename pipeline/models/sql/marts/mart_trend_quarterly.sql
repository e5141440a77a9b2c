-- Involvement index by quarter, per ICB (on its meetings that quarter) and per region (median of
-- its ICBs with papers that quarter).
with quarters as (
    select distinct cast(date_trunc('quarter', meeting_date) as date) as quarter_start_date
    from int_meetings where has_papers
),
icb_quarters as (
    select m.icb_code_ods, q.quarter_start_date, count(*) as meetings_with_papers_count
    from int_meetings as m
    join quarters as q on cast(date_trunc('quarter', m.meeting_date) as date) = q.quarter_start_date
    where m.has_papers
    group by all
),
evidenced as (
    select icb_code_ods, cast(date_trunc('quarter', meeting_date) as date) as quarter_start_date,
           count(distinct signal_id) as signals_evidenced_count
    from int_evidence where meeting_date is not null
    group by all
),
icb_level as (
    select iq.icb_code_ods, iq.quarter_start_date, iq.meetings_with_papers_count,
           round(100.0 * coalesce(e.signals_evidenced_count, 0) / (select count(*) from stg_signals), 1)
               as involvement_index
    from icb_quarters as iq
    left join evidenced as e using (icb_code_ods, quarter_start_date)
)
select (select dataset from raw_settings) as dataset, 'icb' as level, l.icb_code_ods as area_code_ods,
       o.icb_code_ons as area_code_ons, i.icb_name as area_name, i.region_code_ods, l.quarter_start_date,
       1 as icb_count, l.meetings_with_papers_count, l.involvement_index
from icb_level as l
join stg_icbs as i using (icb_code_ods)
left join stg_icb_ons_codes as o
    on o.icb_code_ods = l.icb_code_ods
   and greatest(l.quarter_start_date, i.valid_from_date)
       between o.valid_from_date and coalesce(o.valid_to_date, date '2100-01-01')
union all
select (select dataset from raw_settings), 'region', i.region_code_ods, any_value(r.region_code_ons),
       any_value(r.region_name), i.region_code_ods, l.quarter_start_date, count(*),
       sum(l.meetings_with_papers_count), round(median(l.involvement_index), 1)
from icb_level as l
join stg_icbs as i using (icb_code_ods)
left join stg_regions as r
    on r.region_code_ods = i.region_code_ods
   and l.quarter_start_date between r.valid_from_date and coalesce(r.valid_to_date, date '2100-01-01')
group by i.region_code_ods, l.quarter_start_date
order by 2, 3, 7
