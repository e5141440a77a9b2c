-- depends_on: int_footprint_scores, int_measurement_regions, mart_icb_scores, raw_settings
-- Per NHS England region x period x footprint: how ICBs' involvement index is spread, and the
-- share with formal involvement, with 90% intervals for the median and the share from the
-- measurement model's draws (widened, if need be, to include the estimate).
-- in_force: the ICBs in being at the period's end, scored as themselves.
-- fixed_2026: the 2026 ICBs, each scored on the evidence of every ICB that covered its area, so a
-- trend across April 2026 compares like with like.
with in_force as (
    select 'in_force' as footprint, period_label, region_code_ods, region_code_ons, region_name,
           icb_code_ods, coverage_status, involvement_index, formal_involvement_probability
    from mart_icb_scores
    where is_in_footprint
),
fixed as (
    select 'fixed_2026' as footprint, period_label, region_code_ods, region_code_ons, region_name,
           icb_code_ods, coverage_status, involvement_index, formal_involvement_probability
    from int_footprint_scores
),
together as (
    select * from in_force union all select * from fixed
),
spread as (
    select t.region_code_ods, min(t.region_code_ons) as region_code_ons, min(t.region_name) as region_name,
           t.period_label, t.footprint,
           count(*) as icb_count,
           count(*) filter (where t.coverage_status = 'ok') as covered_icb_count,
           median(t.involvement_index) filter (where t.coverage_status = 'ok') as involvement_index_median,
           quantile_cont(t.involvement_index, 0.25) filter (where t.coverage_status = 'ok') as involvement_index_p25,
           quantile_cont(t.involvement_index, 0.75) filter (where t.coverage_status = 'ok') as involvement_index_p75,
           min(t.involvement_index) filter (where t.coverage_status = 'ok') as involvement_index_min,
           max(t.involvement_index) filter (where t.coverage_status = 'ok') as involvement_index_max,
           100.0 * avg(t.formal_involvement_probability) filter (where t.coverage_status = 'ok')
               as formal_involvement_pct
    from together as t
    group by t.region_code_ods, t.period_label, t.footprint
)
select
    (select dataset from raw_settings) as dataset,
    s.region_code_ods, s.region_code_ons, s.region_name, s.period_label, s.footprint,
    s.icb_count, s.covered_icb_count,
    round(s.involvement_index_median, 1) as involvement_index_median,
    round(s.involvement_index_p25, 1) as involvement_index_p25,
    round(s.involvement_index_p75, 1) as involvement_index_p75,
    round(s.involvement_index_min, 1) as involvement_index_min,
    round(s.involvement_index_max, 1) as involvement_index_max,
    round(s.involvement_index_max - s.involvement_index_min, 1) as involvement_index_range,
    round(s.formal_involvement_pct, 1) as formal_involvement_pct,
    round(least(b.formal_involvement_pct_low, s.formal_involvement_pct), 1) as formal_involvement_pct_low,
    round(greatest(b.formal_involvement_pct_high, s.formal_involvement_pct), 1) as formal_involvement_pct_high,
    round(least(b.involvement_index_median_low, s.involvement_index_median), 1) as involvement_index_median_low,
    round(greatest(b.involvement_index_median_high, s.involvement_index_median), 1) as involvement_index_median_high
from spread as s
left join int_measurement_regions as b
    on b.region_code_ods = s.region_code_ods and b.period_label = s.period_label and b.footprint = s.footprint
order by s.footprint, s.period_label, s.region_code_ods
