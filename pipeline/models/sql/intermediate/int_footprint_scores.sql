-- depends_on: int_coverage, int_footprint_2026, int_icb_period_signals, int_measurement_scores, stg_icbs, stg_regions, stg_signals
-- Scores on the fixed 2026 footprint: each 2026 ICB scored on the evidence of every ICB that
-- covered (part of) its area in the period; coverage adds up the same way. The index is the
-- measurement model's estimate (scope fixed_2026); has_formal_involvement is evidence found of a
-- signal that counts as formal.
with members as (
    select footprint_icb_code_ods, icb_code_ods from int_footprint_2026
),
signals as (
    select m.footprint_icb_code_ods as icb_code_ods, s.period_label, s.signal_id,
           bool_or(s.is_evidenced) as is_evidenced, bool_or(g.counts_as_formal) as counts_as_formal
    from int_icb_period_signals as s
    join members as m on m.icb_code_ods = s.icb_code_ods
    join stg_signals as g on g.signal_id = s.signal_id
    group by all
),
coverage as (
    select m.footprint_icb_code_ods as icb_code_ods, c.period_label,
           sum(c.meetings_with_papers_count) as meetings_with_papers_count,
           bool_and(c.coverage_status = 'no_site') as is_all_without_site
    from int_coverage as c
    join members as m on m.icb_code_ods = c.icb_code_ods
    group by all
),
regions_now as (
    select region_code_ods, region_code_ons, region_name from stg_regions where valid_to_date is null
)
select s.icb_code_ods, s.period_label, i.region_code_ods, r.region_code_ons, r.region_name,
       case when c.is_all_without_site then 'no_site'
            when c.meetings_with_papers_count = 0 then 'no_papers'
            when c.meetings_with_papers_count < 3 then 'low_coverage'
            else 'ok' end as coverage_status,
       count(*) filter (where s.is_evidenced) as signals_evidenced_count,
       case when c.meetings_with_papers_count > 0 then max(x.involvement_index) end as involvement_index,
       bool_or(s.is_evidenced and s.counts_as_formal) as has_formal_involvement,
       case when c.meetings_with_papers_count > 0 then max(x.formal_involvement_probability) end
           as formal_involvement_probability
from signals as s
join coverage as c using (icb_code_ods, period_label)
join stg_icbs as i using (icb_code_ods)
join regions_now as r on r.region_code_ods = i.region_code_ods
left join int_measurement_scores as x
    on x.scope = 'fixed_2026' and x.area_code_ods = s.icb_code_ods and x.period_label = s.period_label
group by s.icb_code_ods, s.period_label, i.region_code_ods, r.region_code_ons, r.region_name,
         c.is_all_without_site, c.meetings_with_papers_count
