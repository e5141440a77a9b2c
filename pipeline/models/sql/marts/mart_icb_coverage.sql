-- depends_on: int_coverage, int_meeting_gaps, raw_settings
-- Coverage per ICB x period: what was found, whether it is enough to score, and the meetings
-- expected but without papers (int_meeting_gaps), which widen the measurement model's intervals.
select
    (select dataset from raw_settings) as dataset,
    c.icb_code_ods, icb_code_ons, icb_name, region_code_ods, region_code_ons, region_name,
    c.period_label, period_start_date, period_end_date, is_in_footprint,
    board_meeting_count, meetings_with_papers_count,
    coalesce(g.units_missing_count, 0) as meetings_missing_count, document_count, page_count,
    pages_without_text_count, extraction_error_count, scrape_status, coverage_status
from int_coverage as c
left join int_meeting_gaps as g
    on g.window_kind = 'period' and g.icb_code_ods = c.icb_code_ods and g.period_label = c.period_label
order by c.period_label, c.icb_code_ods
