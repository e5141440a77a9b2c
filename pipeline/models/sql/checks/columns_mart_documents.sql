-- Column tests of mart_documents (the documents export), a row per failure: the key is unique and
-- never null, and coded columns hold only their accepted values. Key: icb_code_ods, source_url.
with keyed as (
    select *, concat_ws(' | ', icb_code_ods, source_url) as key_value
    from mart_documents
)
select 'duplicate key' as problem, key_value from keyed
group by key_value, icb_code_ods, source_url having count(*) > 1
union all
select 'null in the key', key_value from keyed
where icb_code_ods is null or source_url is null
union all
select 'dataset not demo or live', key_value from keyed
where dataset is null or dataset not in ('demo', 'live')
union all
select 'extraction_status not accepted: ' || coalesce(extraction_status, 'null'), key_value from keyed
where extraction_status not in ('ok', 'partial', 'needs_ocr', 'error', 'unsupported')
union all
select 'meeting_date_source not accepted: ' || meeting_date_source, key_value from keyed
where meeting_date_source not in ('title_block', 'listing')
   or (meeting_date is null) <> (meeting_date_source is null)
