-- depends_on: int_coverage, int_footprint_scores, int_measurement_area_draws
-- 90% intervals, per region x period x footprint, for the median involvement index of the covered
-- ICBs (coverage ok) and their share with formal involvement, from the measurement model's draws.
with covered as (
    select 'in_force' as footprint, period_label, icb_code_ods as area_code_ods, region_code_ods
    from int_coverage where coverage_status = 'ok' and is_in_footprint
    union all
    select 'fixed_2026', period_label, icb_code_ods, region_code_ods
    from int_footprint_scores where coverage_status = 'ok'
),
draws as (
    select c.footprint, c.period_label, c.region_code_ods, d.draw_number,
           median(d.involvement_index) as involvement_index_median,
           100.0 * avg(cast(d.has_formal_involvement as double)) as formal_involvement_pct
    from covered as c
    join int_measurement_area_draws as d
        on d.scope = c.footprint and d.period_label = c.period_label and d.area_code_ods = c.area_code_ods
    group by c.footprint, c.period_label, c.region_code_ods, d.draw_number
)
select footprint, period_label, region_code_ods,
       quantile_disc(involvement_index_median, 0.05) as involvement_index_median_low,
       quantile_disc(involvement_index_median, 0.95) as involvement_index_median_high,
       quantile_disc(formal_involvement_pct, 0.05) as formal_involvement_pct_low,
       quantile_disc(formal_involvement_pct, 0.95) as formal_involvement_pct_high
from draws
group by footprint, period_label, region_code_ods
