-- depends_on: int_measurement_area_keys, int_measurement_draws, stg_signals
-- Per scope x period x area x signal: the probability that the signal is truly present (the share
-- of the measurement model's draws in which it is).
select k.scope, k.period_label, k.area_code_ods, s.signal_id,
       round(avg(cast((d.present_mask >> s.signal_bit) & 1 as double)), 3) as signal_probability
from int_measurement_draws as d
join int_measurement_area_keys as k using (area_number)
cross join stg_signals as s
group by k.scope, k.period_label, k.area_code_ods, s.signal_id
