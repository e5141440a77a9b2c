-- Column tests of mart_tagger_accuracy (the tagger_accuracy export), a row per failure: the key is
-- unique and never null, coded columns hold only their accepted values, and the counts and
-- proportions agree. Key: signal_id.
with keyed as (
    select *, signal_id as key_value
    from mart_tagger_accuracy
)
select 'duplicate key' as problem, key_value from keyed
group by key_value, signal_id having count(*) > 1
union all
select 'null in the key', key_value from keyed
where signal_id is null
union all
select 'dataset not demo or live', key_value from keyed
where dataset is null or dataset not in ('demo', 'live')
union all
select 'accuracy_split not accepted: ' || coalesce(accuracy_split, 'null'), key_value from keyed
where accuracy_split is null or accuracy_split not in ('real_text', 'blind', 'dev', 'none')
union all
select 'dimension not accepted: ' || coalesce(dimension, 'null'), key_value from keyed
where dimension is null or dimension not in ('structures', 'processes', 'policies')
union all
select 'recall does not match its counts', key_value from keyed
where true_positive_count + false_negative_count > 0
  and abs(recall - true_positive_count / (true_positive_count + false_negative_count)) > 0.0001
union all
select 'precision does not match its counts', key_value from keyed
where true_positive_count + false_positive_count > 0
  and abs(precision - true_positive_count / (true_positive_count + false_positive_count)) > 0.0001
union all
select 'an interval does not bracket its proportion', key_value from keyed
where not (precision_low <= precision and precision <= precision_high)
   or not (recall_low <= recall and recall <= recall_high)
