-- depends_on: int_measurement_area_draws
-- Point estimates and 90% intervals per scope x period x area from the measurement model's draws.
-- The estimate is the mean over draws (for the index: the expected share of signals truly
-- evidenced). The index and the scores move in steps (one signal), so the interval is a mid-p
-- interval: its lower end is the lowest value at which the share of draws below it, plus half
-- the share at it, reaches 5%; the upper end likewise from the top. (The plain 5th and 95th
-- percentiles of so few values hold far more than 90% of the draws, and contain the truth far
-- more often than 9 times in 10.)
-- The interval is widened to include the estimate when the mean falls outside it.
with long as (
    select scope, period_label, area_code_ods, 'involvement_index' as quantity, involvement_index as value
    from int_measurement_area_draws
    union all
    select scope, period_label, area_code_ods, 'structures_score', structures_score
    from int_measurement_area_draws
    union all
    select scope, period_label, area_code_ods, 'processes_score', processes_score
    from int_measurement_area_draws
    union all
    select scope, period_label, area_code_ods, 'policies_score', policies_score
    from int_measurement_area_draws
),
distribution as (
    select scope, period_label, area_code_ods, quantity, value, count(*) as draw_count
    from long where value is not null
    group by all
),
cumulative as (
    select *,
           sum(draw_count) over (partition by scope, period_label, area_code_ods, quantity
                                 order by value) - draw_count as below_count,
           sum(draw_count) over (partition by scope, period_label, area_code_ods, quantity) as total_count
    from distribution
),
ends as (
    select scope, period_label, area_code_ods, quantity,
           sum(value * draw_count) / sum(draw_count) as estimate,
           min(value) filter (where below_count + draw_count / 2.0 >= 0.05 * total_count) as low,
           max(value) filter (where total_count - below_count - draw_count / 2.0 >= 0.05 * total_count)
               as high
    from cumulative
    group by scope, period_label, area_code_ods, quantity
),
bracketed as (
    select scope, period_label, area_code_ods, quantity, round(estimate, 1) as estimate,
           round(least(low, estimate), 1) as low, round(greatest(high, estimate), 1) as high
    from ends
),
formal as (
    select scope, period_label, area_code_ods,
           round(avg(cast(has_formal_involvement as double)), 3) as formal_involvement_probability
    from int_measurement_area_draws
    group by scope, period_label, area_code_ods
)
select f.scope, f.period_label, f.area_code_ods,
       i.estimate as involvement_index, i.low as involvement_index_low, i.high as involvement_index_high,
       s.estimate as structures_score, s.low as structures_score_low, s.high as structures_score_high,
       p.estimate as processes_score, p.low as processes_score_low, p.high as processes_score_high,
       c.estimate as policies_score, c.low as policies_score_low, c.high as policies_score_high,
       f.formal_involvement_probability
from formal as f
left join bracketed as i on i.quantity = 'involvement_index' and i.scope = f.scope
    and i.period_label = f.period_label and i.area_code_ods = f.area_code_ods
left join bracketed as s on s.quantity = 'structures_score' and s.scope = f.scope
    and s.period_label = f.period_label and s.area_code_ods = f.area_code_ods
left join bracketed as p on p.quantity = 'processes_score' and p.scope = f.scope
    and p.period_label = f.period_label and p.area_code_ods = f.area_code_ods
left join bracketed as c on c.quantity = 'policies_score' and c.scope = f.scope
    and c.period_label = f.period_label and c.area_code_ods = f.area_code_ods
