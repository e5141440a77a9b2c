-- Per scope x period x area x signal: the probability that the signal is truly present (the share
-- of the measurement model's draws in which it is).
select d.scope, d.period_label, d.area_code_ods, s.signal_id,
       round(avg(cast((d.present_mask >> s.signal_bit) & 1 as double)), 3) as signal_probability
from int_measurement_draws as d
cross join stg_signals as s
group by d.scope, d.period_label, d.area_code_ods, s.signal_id
