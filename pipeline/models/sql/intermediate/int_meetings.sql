-- depends_on: int_documents
-- Meetings found (board or committee, by date), and whether any of their papers has text.
select
    icb_code_ods,
    committee_name,
    meeting_date,
    bool_or(is_board) as is_board,
    count(*) as document_count,
    bool_or(has_text) as has_papers
from int_documents
where meeting_date is not null
group by icb_code_ods, committee_name, meeting_date
