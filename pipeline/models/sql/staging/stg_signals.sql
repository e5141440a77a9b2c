-- depends_on: raw_signals
-- The signal definitions (pipeline/signals.toml), each with its position in the measurement
-- model's masks (by signal id) and whether it counts as formal involvement (counts_as_formal).
select id as signal_id, dimension, label as signal_label, definition as signal_definition,
       coalesce(cast(counts_as_formal as boolean), false) as counts_as_formal,
       cast(row_number() over (order by id) - 1 as integer) as signal_bit
from raw_signals
