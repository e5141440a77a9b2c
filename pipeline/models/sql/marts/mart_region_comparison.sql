-- Per NHS England region x period x footprint: how ICBs' involvement index is spread.
-- in_force: the ICBs in being at the period's end, scored as themselves.
-- fixed_2026: the 2026 ICBs, each scored on the evidence of every ICB that covered its area, so a
-- trend across April 2026 compares like with like.
with in_force as (
    select 'in_force' as footprint, period_label, region_code_ods, region_code_ons, region_name,
           icb_code_ods, coverage_status, involvement_index, has_formal_involvement
    from mart_icb_scores
    where is_in_footprint
),
fixed as (
    select 'fixed_2026' as footprint, period_label, region_code_ods, region_code_ons, region_name,
           icb_code_ods, coverage_status, involvement_index, has_formal_involvement
    from int_footprint_scores
),
together as (
    select * from in_force union all select * from fixed
)
select
    (select dataset from raw_settings) as dataset,
    t.region_code_ods, any_value(t.region_code_ons) as region_code_ons, any_value(t.region_name) as region_name,
    t.period_label, t.footprint,
    count(*) as icb_count,
    count(*) filter (where t.coverage_status = 'ok') as covered_icb_count,
    round(median(t.involvement_index) filter (where t.coverage_status = 'ok'), 1) as involvement_index_median,
    round(quantile_cont(t.involvement_index, 0.25) filter (where t.coverage_status = 'ok'), 1) as involvement_index_p25,
    round(quantile_cont(t.involvement_index, 0.75) filter (where t.coverage_status = 'ok'), 1) as involvement_index_p75,
    round(min(t.involvement_index) filter (where t.coverage_status = 'ok'), 1) as involvement_index_min,
    round(max(t.involvement_index) filter (where t.coverage_status = 'ok'), 1) as involvement_index_max,
    round(max(t.involvement_index) filter (where t.coverage_status = 'ok')
          - min(t.involvement_index) filter (where t.coverage_status = 'ok'), 1) as involvement_index_range,
    round(100.0 * count(*) filter (where t.coverage_status = 'ok' and t.has_formal_involvement)
          / nullif(count(*) filter (where t.coverage_status = 'ok'), 0), 1) as formal_involvement_pct,
    round(any_value(b.median_low), 1) as involvement_index_median_low,
    round(any_value(b.median_high), 1) as involvement_index_median_high
from together as t
left join int_bootstrap_region as b
    on b.region_code_ods = t.region_code_ods and b.period_label = t.period_label and b.footprint = t.footprint
group by t.region_code_ods, t.period_label, t.footprint
order by t.footprint, t.period_label, t.region_code_ods
