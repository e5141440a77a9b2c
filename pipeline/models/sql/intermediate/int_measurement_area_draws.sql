-- depends_on: int_measurement_area_keys, int_measurement_draws, stg_signals
-- Each draw of the measurement model turned into the quantities the marts report, per scope x
-- period x area: the involvement index and dimension scores (shares of the signals truly present,
-- 0-100) and formal involvement (any signal with counts_as_formal present).
with masks as (
    select count(*) as signal_count,
           cast(sum(1 << signal_bit) filter (where counts_as_formal) as bigint) as formal_mask,
           cast(coalesce(sum(1 << signal_bit) filter (where dimension = 'structures'), 0) as bigint) as structures_mask,
           cast(coalesce(sum(1 << signal_bit) filter (where dimension = 'processes'), 0) as bigint) as processes_mask,
           cast(coalesce(sum(1 << signal_bit) filter (where dimension = 'policies'), 0) as bigint) as policies_mask
    from stg_signals
)
select k.scope, k.period_label, k.area_code_ods, d.draw_number,
       100.0 * bit_count(d.present_mask) / m.signal_count as involvement_index,
       100.0 * bit_count(d.present_mask & m.structures_mask) / nullif(bit_count(m.structures_mask), 0) as structures_score,
       100.0 * bit_count(d.present_mask & m.processes_mask) / nullif(bit_count(m.processes_mask), 0) as processes_score,
       100.0 * bit_count(d.present_mask & m.policies_mask) / nullif(bit_count(m.policies_mask), 0) as policies_score,
       coalesce((d.present_mask & m.formal_mask) <> 0, false) as has_formal_involvement
from int_measurement_draws as d
join int_measurement_area_keys as k using (area_number)
cross join masks as m
