-- depends_on: raw_documents
-- Extraction outcome per stored document.
select
    sha256,
    status as extraction_status,
    error as extraction_error,
    cast(page_count as integer) as page_count,
    cast(char_count as bigint) as char_count,
    cast(pages_without_text_count as integer) as pages_without_text_count,
    cast(is_low_text_density as boolean) as is_low_text_density,
    try_cast(title_block_meeting_date as date) as title_block_meeting_date,
    title_block_committee_name
from raw_documents
