-- depends_on: int_measurement_area_draws, stg_icbs
-- Per region x quarter: the 90% interval of the median involvement index of the region's ICBs
-- with papers that quarter, from the measurement model's draws (scope quarter).
with draws as (
    select i.region_code_ods, d.period_label, d.draw_number,
           median(d.involvement_index) as involvement_index_median
    from int_measurement_area_draws as d
    join stg_icbs as i on i.icb_code_ods = d.area_code_ods
    where d.scope = 'quarter'
    group by i.region_code_ods, d.period_label, d.draw_number
)
select region_code_ods, cast(period_label as date) as quarter_start_date,
       quantile_disc(involvement_index_median, 0.05) as involvement_index_low,
       quantile_disc(involvement_index_median, 0.95) as involvement_index_high
from draws
group by region_code_ods, period_label
