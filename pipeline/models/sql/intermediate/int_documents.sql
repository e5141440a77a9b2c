-- depends_on: stg_documents, stg_extractions
-- Collected documents with their extraction outcome.
select d.*, e.extraction_status, e.extraction_error, coalesce(e.page_count, 0) as page_count,
       coalesce(e.char_count, 0) as char_count, coalesce(e.pages_without_text_count, 0) as pages_without_text_count,
       coalesce(e.extraction_status in ('ok', 'partial') and e.char_count > 0, false) as has_text
from stg_documents as d
left join stg_extractions as e using (sha256)
