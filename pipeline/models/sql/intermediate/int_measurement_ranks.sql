-- depends_on: int_coverage, int_measurement_area_draws
-- Ranks in every draw of the measurement model among the ranked ICBs (in the footprint at the
-- period's end, coverage ok), and their 90% interval per ICB. Ties within a draw are broken by a
-- fixed pseudo-random order (a hash of ICB and draw), so a tie favours no ICB.
with ranked as (
    select icb_code_ods, period_label from int_coverage
    where coverage_status = 'ok' and is_in_footprint
),
draw_ranks as (
    select d.period_label, d.area_code_ods as icb_code_ods, d.draw_number,
           row_number() over (partition by d.period_label, d.draw_number
                              order by d.involvement_index desc,
                                       md5(d.area_code_ods || '-' || cast(d.draw_number as varchar)),
                                       d.area_code_ods) as draw_rank
    from int_measurement_area_draws as d
    join ranked as r on r.icb_code_ods = d.area_code_ods and r.period_label = d.period_label
    where d.scope = 'in_force'
)
select period_label, icb_code_ods,
       quantile_disc(draw_rank, 0.05) as rank_low,
       quantile_disc(draw_rank, 0.95) as rank_high
from draw_ranks
group by period_label, icb_code_ods
