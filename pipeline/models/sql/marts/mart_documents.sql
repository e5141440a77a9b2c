-- depends_on: int_documents, int_icb_codes_on_date, raw_settings, stg_fetch_failures, stg_icbs
-- One row per collected document (and per document link that could not be collected).
select
    (select dataset from raw_settings) as dataset,
    d.icb_code_ods, c.icb_code_ons, i.icb_name, i.region_code_ods, c.region_name, d.committee_name, d.is_board, d.meeting_date,
    d.meeting_date_source,
    d.document_type, d.title as document_title, d.source_url, d.found_on_url, d.sha256,
    d.retrieved_at, d.bytes_count, d.page_count, d.extraction_status, d.extraction_error,
    true as is_collected, cast(null as varchar) as collection_error
from int_documents as d
join stg_icbs as i using (icb_code_ods)
left join int_icb_codes_on_date as c
    on c.icb_code_ods = d.icb_code_ods
   and coalesce(d.meeting_date, least(coalesce(i.valid_to_date, date '9999-12-31'), cast(d.retrieved_at as date)))
       between c.valid_from_date and c.valid_to_date
union all
select (select dataset from raw_settings), f.icb_code_ods, c.icb_code_ons, i.icb_name, i.region_code_ods,
       c.region_name, null, null, null, null,
       null, f.title, f.requested_url, null, null, f.retrieved_at, null, null, null, null, false, f.error
from stg_fetch_failures as f
join stg_icbs as i using (icb_code_ods)
left join int_icb_codes_on_date as c
    on c.icb_code_ods = f.icb_code_ods
   and least(coalesce(i.valid_to_date, date '9999-12-31'), cast(f.retrieved_at as date))
       between c.valid_from_date and c.valid_to_date
order by icb_code_ods, meeting_date nulls last, source_url
