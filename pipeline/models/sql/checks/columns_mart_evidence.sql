-- Column tests of mart_evidence (the evidence export), a row per failure: the key is unique and
-- never null, and coded columns hold only their accepted values. Key (the export's primary key):
-- icb_code_ods, source_url, sha256, page_number, start_char, end_char, signal_id (the tagger quotes
-- a passage once per signal; two rules may quote from the same start to different ends).
with keyed as (
    select *, concat_ws(' | ', icb_code_ods, source_url, sha256, page_number, start_char,
                               end_char, signal_id) as key_value
    from mart_evidence
)
select 'duplicate key' as problem, key_value from keyed
group by key_value, icb_code_ods, source_url, sha256, page_number, start_char, end_char, signal_id having count(*) > 1
union all
select 'null in the key', key_value from keyed
where icb_code_ods is null or source_url is null or sha256 is null or page_number is null or
   start_char is null or end_char is null or signal_id is null
union all
select 'dataset not demo or live', key_value from keyed
where dataset is null or dataset not in ('demo', 'live')
union all
select 'dimension not accepted: ' || coalesce(dimension, 'null'), key_value from keyed
where dimension is null or dimension not in ('structures', 'processes', 'policies')
