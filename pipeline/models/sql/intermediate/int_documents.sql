-- depends_on: stg_documents, stg_extractions
-- Collected documents with their extraction outcome, and their meeting confirmed by their own
-- first page. A meeting paper's title block ("Minutes of the Quality Committee held on 14 March
-- 2024") gives its meeting date ahead of the listing, which can give minutes the date of the
-- meeting that approved them; on other papers a first-page date is a version date, so the listing
-- keeps it. The title block names the committee only where the listing named none, or filed a
-- committee's paper as the board's: one site's spelling of a name must not split its meetings.
with joined as (
    select d.*, e.extraction_status, e.extraction_error, coalesce(e.page_count, 0) as page_count,
           coalesce(e.char_count, 0) as char_count,
           coalesce(e.pages_without_text_count, 0) as pages_without_text_count,
           coalesce(e.extraction_status in ('ok', 'partial') and e.char_count > 0, false) as has_text,
           e.title_block_meeting_date, e.title_block_committee_name,
           d.document_type in ('agenda', 'minutes', 'papers', 'board_pack', 'committee_papers')
               as is_meeting_paper
    from stg_documents as d
    left join stg_extractions as e using (sha256)
),

decided as (
    select *,
           is_meeting_paper and title_block_meeting_date is not null as is_date_from_title_block,
           title_block_committee_name is not null
               and (committee_source = 'default'
                    or (is_board and title_block_committee_name <> 'Integrated Care Board'))
               as is_committee_from_title_block
    from joined
)

select * exclude (is_meeting_paper, is_date_from_title_block, is_committee_from_title_block,
                  meeting_date, committee_name, is_board),
       case when is_date_from_title_block then title_block_meeting_date else meeting_date end
           as meeting_date,
       case when is_date_from_title_block then 'title_block'
            when meeting_date is not null then 'listing' end as meeting_date_source,
       case when is_committee_from_title_block then title_block_committee_name else committee_name end
           as committee_name,
       case when is_committee_from_title_block then title_block_committee_name = 'Integrated Care Board'
            else is_board end as is_board
from decided
