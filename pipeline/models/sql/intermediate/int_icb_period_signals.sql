-- depends_on: int_document_periods, int_evidence, int_icb_periods, int_meetings, stg_signals
-- Every ICB x period x signal, with its evidence counted (zero where there is none).
with evidence_periods as (
    select e.*, dp.period_label,
           (-coalesce(e.confidence, 0), -epoch(coalesce(e.meeting_date, date '1900-01-01')), e.sha256,
            e.source_page_url, e.page_number, e.start_char, e.end_char, e.rule_id, e.quote) as strongest
    from int_evidence as e
    join int_document_periods as dp
        on dp.sha256 = e.sha256 and dp.requested_url = e.requested_url
),
meetings_with_papers as (
    select ip.icb_code_ods, ip.period_label, count(*) as meetings_with_papers_count
    from int_icb_periods as ip
    join int_meetings as m
        on m.icb_code_ods = ip.icb_code_ods and m.has_papers
       and m.meeting_date between ip.period_start_date and ip.period_end_date
    group by all
),
per_signal as (
    select icb_code_ods, period_label, signal_id,
           count(*) as evidence_count,
           count(distinct case when meeting_date is not null then committee_name || meeting_date end)
               as meetings_evidenced_count,
           min(meeting_date) as first_seen_date,
           max(meeting_date) as last_seen_date,
           -- the strongest passage: highest confidence, then the latest meeting, then (for a
           -- deterministic choice among equals) the lowest sha256, URL, page and offset
           arg_min(quote, strongest) as best_quote,
           arg_min(title, strongest) as best_document_title,
           arg_min(meeting_date, strongest) as best_meeting_date,
           arg_min(source_page_url, strongest) as best_source_url
    from evidence_periods
    group by all
)
select ip.icb_code_ods, ip.period_label, s.signal_id, s.signal_label, s.dimension,
       coalesce(ps.evidence_count, 0) as evidence_count,
       coalesce(ps.evidence_count, 0) > 0 as is_evidenced,
       coalesce(ps.meetings_evidenced_count, 0) as meetings_evidenced_count,
       coalesce(mp.meetings_with_papers_count, 0) as meetings_with_papers_count,
       ps.first_seen_date, ps.last_seen_date, ps.best_quote, ps.best_document_title,
       ps.best_meeting_date, ps.best_source_url
from int_icb_periods as ip
cross join stg_signals as s
left join per_signal as ps
    on ps.icb_code_ods = ip.icb_code_ods and ps.period_label = ip.period_label and ps.signal_id = s.signal_id
left join meetings_with_papers as mp
    on mp.icb_code_ods = ip.icb_code_ods and mp.period_label = ip.period_label
