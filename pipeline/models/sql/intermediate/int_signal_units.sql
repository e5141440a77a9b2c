-- depends_on: int_document_periods, int_documents, int_evidence, int_icb_periods, int_meetings
-- The units the measurement model searches, per ICB and period: each meeting with papers, and one
-- unit for the ICB's undated documents with text; with the signals each unit evidences (signal_id
-- null: the unit itself). Evidence is mapped to periods exactly as int_icb_period_signals maps it.
with unit_evidence as (
    select e.icb_code_ods, dp.period_label, e.signal_id, e.meeting_date,
           case when e.meeting_date is null then 'undated'
                else coalesce(e.committee_name, '') || '|' || cast(e.meeting_date as varchar)
           end as unit_key
    from int_evidence as e
    join int_document_periods as dp
        on dp.sha256 = e.sha256 and dp.requested_url = e.requested_url
    join int_icb_periods as ip
        on ip.icb_code_ods = e.icb_code_ods and ip.period_label = dp.period_label
),
meetings as (
    select ip.icb_code_ods, ip.period_label, cast(null as varchar) as signal_id, m.meeting_date,
           coalesce(m.committee_name, '') || '|' || cast(m.meeting_date as varchar) as unit_key
    from int_icb_periods as ip
    join int_meetings as m
        on m.icb_code_ods = ip.icb_code_ods and m.has_papers
       and m.meeting_date between ip.period_start_date and ip.period_end_date
),
standing as (
    select dp.icb_code_ods, dp.period_label, cast(null as varchar) as signal_id,
           cast(null as date) as meeting_date, 'undated' as unit_key
    from int_document_periods as dp
    join int_documents as d on d.sha256 = dp.sha256 and d.requested_url = dp.requested_url
    join int_icb_periods as ip on ip.icb_code_ods = dp.icb_code_ods and ip.period_label = dp.period_label
    where d.meeting_date is null and d.has_text
)
select distinct icb_code_ods, period_label, unit_key, meeting_date, signal_id
from (select * from unit_evidence union all select * from meetings union all select * from standing)
