-- depends_on: raw_tagger_accuracy, stg_signals
-- The tagger's measured accuracy per signal (data/evaluation/tagger_accuracy.csv): the real-text
-- checks (excerpts copied from public pages, the nearest to what the tagger reads; `tag --evaluate`
-- pools only the excerpts that the tagger it scores recorded), else the blind split (passages written
-- for the project), else the dev split.
-- Counts, so the measurement model can draw precision and recall from what was measured (a signal
-- never scored has zero counts: maximum doubt), and the proportions with their 95% Wilson
-- intervals as measured, for the journalists' export.
with typed as (
    select signal_id, split, cast(example_count as integer) as example_count,
           cast(true_positive_count as integer) as true_positive_count,
           cast(false_positive_count as integer) as false_positive_count,
           cast(false_negative_count as integer) as false_negative_count,
           -- a proportion is empty where nothing was tagged or expected
           cast(nullif(precision, '') as double) as precision,
           cast(nullif(precision_low, '') as double) as precision_low,
           cast(nullif(precision_high, '') as double) as precision_high,
           cast(nullif(recall, '') as double) as recall,
           cast(nullif(recall_low, '') as double) as recall_low,
           cast(nullif(recall_high, '') as double) as recall_high,
           tagger_version
    from raw_tagger_accuracy
    where split in ('real_text', 'blind', 'dev')
),
chosen as (
    select * from typed
    qualify row_number() over (
        partition by signal_id
        order by case split when 'real_text' then 1 when 'blind' then 2 else 3 end, tagger_version
    ) = 1
)
select s.signal_id, coalesce(c.split, 'none') as accuracy_split,
       coalesce(c.example_count, 0) as example_count,
       coalesce(c.true_positive_count, 0) as true_positive_count,
       coalesce(c.false_positive_count, 0) as false_positive_count,
       coalesce(c.false_negative_count, 0) as false_negative_count,
       c.precision, c.precision_low, c.precision_high, c.recall, c.recall_low, c.recall_high,
       c.tagger_version
from stg_signals as s
left join chosen as c using (signal_id)
