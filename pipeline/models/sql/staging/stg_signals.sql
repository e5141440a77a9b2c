-- The signal definitions (pipeline/signals.toml).
select id as signal_id, dimension, label as signal_label, definition as signal_definition
from raw_signals
