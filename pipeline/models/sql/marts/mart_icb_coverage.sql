-- Coverage per ICB x period: what was found, and whether it is enough to score.
select
    (select dataset from raw_settings) as dataset,
    icb_code_ods, icb_code_ons, icb_name, region_code_ods, region_code_ons, region_name,
    period_label, period_start_date, period_end_date, is_in_footprint,
    board_meeting_count, meetings_with_papers_count, document_count, page_count,
    pages_without_text_count, extraction_error_count, scrape_status, coverage_status
from int_coverage
order by period_label, icb_code_ods
