-- depends_on: int_coverage, int_icb_period_signals, int_signal_probabilities, raw_settings
-- Per ICB x signal x period: evidenced or not, how often, the strongest evidence, and the
-- probability that the signal is truly present (measurement model; empty without papers).
select
    (select dataset from raw_settings) as dataset,
    c.icb_code_ods, c.icb_code_ons, c.icb_name, c.region_code_ods, c.region_code_ons, c.region_name,
    s.period_label, c.coverage_status, s.signal_id, s.signal_label, s.dimension,
    s.is_evidenced, s.evidence_count,
    case when c.coverage_status in ('ok', 'low_coverage') then p.signal_probability end as signal_probability,
    case when s.meetings_with_papers_count > 0
         then round(100.0 * s.meetings_evidenced_count / s.meetings_with_papers_count, 1) end
        as meetings_evidenced_pct,
    s.first_seen_date, s.last_seen_date, s.best_quote, s.best_document_title, s.best_meeting_date,
    s.best_source_url
from int_icb_period_signals as s
join int_coverage as c using (icb_code_ods, period_label)
left join int_signal_probabilities as p
    on p.scope = 'in_force' and p.area_code_ods = s.icb_code_ods and p.period_label = s.period_label
   and p.signal_id = s.signal_id
order by s.period_label, c.icb_code_ods, s.signal_id
