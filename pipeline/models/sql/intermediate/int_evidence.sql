-- depends_on: int_documents, int_evidence_corrected
-- Evidence passages with the document, meeting and ICB they come from (a document collected from
-- two URLs or ICBs carries its evidence to each).
select
    d.icb_code_ods, d.committee_name, d.is_board, d.meeting_date, d.document_type, d.title,
    d.source_url, d.requested_url, d.retrieved_at, e.sha256, e.page_number, e.signal_id, e.rule_id,
    e.start_char, e.end_char, e.quote, e.confidence, e.is_correction,
    d.source_url || '#page=' || cast(e.page_number as varchar) as source_page_url
from int_evidence_corrected as e
join int_documents as d using (sha256)
