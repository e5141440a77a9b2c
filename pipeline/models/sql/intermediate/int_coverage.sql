-- depends_on: int_document_periods, int_documents, int_icb_periods, int_meetings, stg_scrape_status
-- What was collected per ICB and period, and whether that is enough to score: no_site (no start
-- URL, or the site could not be reached), no_papers, low_coverage (fewer than 3 meetings with
-- papers) or ok. No papers is not the same as no involvement.
with meetings as (
    select ip.icb_code_ods, ip.period_label,
           count(*) filter (where m.is_board) as board_meeting_count,
           count(*) filter (where m.has_papers) as meetings_with_papers_count
    from int_icb_periods as ip
    join int_meetings as m
        on m.icb_code_ods = ip.icb_code_ods
       and m.meeting_date between ip.period_start_date and ip.period_end_date
    group by all
),
documents as (
    select dp.icb_code_ods, dp.period_label,
           count(distinct d.requested_url) as document_count,
           sum(d.page_count) as page_count,
           sum(d.pages_without_text_count) as pages_without_text_count,
           count(*) filter (where d.extraction_status = 'error') as extraction_error_count
    from int_document_periods as dp
    join int_documents as d on d.requested_url = dp.requested_url and d.sha256 = dp.sha256
    group by all
)
select ip.*,
       coalesce(m.board_meeting_count, 0) as board_meeting_count,
       coalesce(m.meetings_with_papers_count, 0) as meetings_with_papers_count,
       coalesce(d.document_count, 0) as document_count,
       coalesce(d.page_count, 0) as page_count,
       coalesce(d.pages_without_text_count, 0) as pages_without_text_count,
       coalesce(d.extraction_error_count, 0) as extraction_error_count,
       s.scrape_status,
       case
           when s.scrape_status is null or s.scrape_status in ('site_unreachable', 'no_start_url') then 'no_site'
           when coalesce(m.meetings_with_papers_count, 0) = 0 then 'no_papers'
           when m.meetings_with_papers_count < 3 then 'low_coverage'
           else 'ok'
       end as coverage_status
from int_icb_periods as ip
left join meetings as m using (icb_code_ods, period_label)
left join documents as d using (icb_code_ods, period_label)
left join stg_scrape_status as s using (icb_code_ods)
