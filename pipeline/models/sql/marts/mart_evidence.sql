-- depends_on: int_evidence, int_icb_codes_on_date, raw_settings, stg_icbs, stg_signals
-- One row per evidence passage, traceable to its document, page and quote.
select
    (select dataset from raw_settings) as dataset,
    e.icb_code_ods, c.icb_code_ons, i.icb_name, i.region_code_ods, c.region_name,
    e.signal_id, s.signal_label, s.dimension, e.committee_name, e.is_board, e.meeting_date,
    e.document_type, e.title as document_title, e.source_page_url as source_url, e.page_number,
    e.sha256, e.retrieved_at, e.start_char, e.end_char, e.quote, e.rule_id, e.confidence,
    e.is_correction
from int_evidence as e
join stg_icbs as i using (icb_code_ods)
join stg_signals as s using (signal_id)
left join int_icb_codes_on_date as c
    on c.icb_code_ods = e.icb_code_ods
   and coalesce(e.meeting_date, least(coalesce(i.valid_to_date, date '9999-12-31'), cast(e.retrieved_at as date)))
       between c.valid_from_date and c.valid_to_date
order by e.icb_code_ods, e.meeting_date nulls last, e.sha256, e.page_number, e.start_char, e.signal_id
