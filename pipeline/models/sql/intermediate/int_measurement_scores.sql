-- Point estimates and 90% intervals per scope x period x area from the measurement model's draws:
-- the estimate is the mean over draws (the expected share of signals truly present); the interval
-- runs from the 5th to the 95th percentile of the draws, widened to include the estimate in the
-- rare case where nearly every draw agrees on one value and the mean falls outside.
with summary as (
    select scope, period_label, area_code_ods,
           avg(involvement_index) as involvement_index,
           quantile_disc(involvement_index, 0.05) as involvement_index_low,
           quantile_disc(involvement_index, 0.95) as involvement_index_high,
           avg(structures_score) as structures_score,
           quantile_disc(structures_score, 0.05) as structures_score_low,
           quantile_disc(structures_score, 0.95) as structures_score_high,
           avg(processes_score) as processes_score,
           quantile_disc(processes_score, 0.05) as processes_score_low,
           quantile_disc(processes_score, 0.95) as processes_score_high,
           avg(policies_score) as policies_score,
           quantile_disc(policies_score, 0.05) as policies_score_low,
           quantile_disc(policies_score, 0.95) as policies_score_high,
           avg(cast(has_formal_involvement as double)) as formal_involvement_probability
    from int_measurement_area_draws
    group by scope, period_label, area_code_ods
)
select scope, period_label, area_code_ods,
       round(involvement_index, 1) as involvement_index,
       round(least(involvement_index_low, involvement_index), 1) as involvement_index_low,
       round(greatest(involvement_index_high, involvement_index), 1) as involvement_index_high,
       round(structures_score, 1) as structures_score,
       round(least(structures_score_low, structures_score), 1) as structures_score_low,
       round(greatest(structures_score_high, structures_score), 1) as structures_score_high,
       round(processes_score, 1) as processes_score,
       round(least(processes_score_low, processes_score), 1) as processes_score_low,
       round(greatest(processes_score_high, processes_score), 1) as processes_score_high,
       round(policies_score, 1) as policies_score,
       round(least(policies_score_low, policies_score), 1) as policies_score_low,
       round(greatest(policies_score_high, policies_score), 1) as policies_score_high,
       round(formal_involvement_probability, 3) as formal_involvement_probability
from summary
