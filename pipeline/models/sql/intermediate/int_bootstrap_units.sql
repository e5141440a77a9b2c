-- The units the bootstrap resamples, per ICB period: each meeting with papers, and one unit for the
-- ICB's undated documents; with the signals each unit evidences (null: none). Evidence is mapped to
-- periods exactly as int_icb_period_signals maps it, so resampling every unit once gives back the
-- point estimate.
with unit_evidence as (
    select e.icb_code_ods, dp.period_label, e.signal_id,
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
    select ip.icb_code_ods, ip.period_label, cast(null as varchar) as signal_id,
           coalesce(m.committee_name, '') || '|' || cast(m.meeting_date as varchar) as unit_key
    from int_icb_periods as ip
    join int_meetings as m
        on m.icb_code_ods = ip.icb_code_ods and m.has_papers
       and m.meeting_date between ip.period_start_date and ip.period_end_date
)
select distinct icb_code_ods, period_label, unit_key, signal_id
from (select * from unit_evidence union all select * from meetings)
