-- depends_on: raw_settings, stg_signals, stg_tagger_accuracy
-- Per signal: the tagger's measured precision and recall that the scores' intervals use, with the
-- evaluation they come from (real-text checks, blind split or dev split) and its counts, so a
-- reader of a "not found" can say how often the tagger misses the signal.
select
    (select dataset from raw_settings) as dataset,
    s.signal_id, s.signal_label, s.dimension, a.accuracy_split, a.example_count,
    a.true_positive_count, a.false_positive_count, a.false_negative_count,
    a.precision, a.precision_low, a.precision_high, a.recall, a.recall_low, a.recall_high,
    a.tagger_version
from stg_signals as s
join stg_tagger_accuracy as a using (signal_id)
order by s.signal_id
