-- depends_on: int_coverage, int_footprint_scores, int_measurement_area_draws
-- Per footprint x period: how many covered ICBs (coverage ok) truly have formal involvement, as
-- the measurement model's expected number and 90% interval (5th-95th percentile of the draws).
with covered as (
    select 'in_force' as footprint, period_label, icb_code_ods as area_code_ods
    from int_coverage where coverage_status = 'ok' and is_in_footprint
    union all
    select 'fixed_2026', period_label, icb_code_ods
    from int_footprint_scores where coverage_status = 'ok'
),
draws as (
    select c.footprint, c.period_label, d.draw_number, count(*) as covered_icb_count,
           count(*) filter (where d.has_formal_involvement) as formal_involvement_count
    from covered as c
    join int_measurement_area_draws as d
        on d.scope = c.footprint and d.period_label = c.period_label and d.area_code_ods = c.area_code_ods
    group by c.footprint, c.period_label, d.draw_number
)
select footprint, period_label, max(covered_icb_count) as covered_icb_count,
       avg(formal_involvement_count) as formal_involvement_expected_count,
       quantile_disc(formal_involvement_count, 0.05) as formal_involvement_count_low,
       quantile_disc(formal_involvement_count, 0.95) as formal_involvement_count_high
from draws
group by footprint, period_label
