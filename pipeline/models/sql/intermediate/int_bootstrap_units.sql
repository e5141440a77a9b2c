-- The units the bootstrap resamples: each meeting with papers in an ICB's period, and one unit for
-- the ICB's undated documents; with the signals each unit evidences (null: none).
with units as (
    select ip.icb_code_ods, ip.period_label, m.committee_name || '|' || cast(m.meeting_date as varchar) as unit_key,
           m.committee_name, m.meeting_date
    from int_icb_periods as ip
    join int_meetings as m
        on m.icb_code_ods = ip.icb_code_ods and m.has_papers
       and m.meeting_date between ip.period_start_date and ip.period_end_date
)
select u.icb_code_ods, u.period_label, u.unit_key, e.signal_id
from units as u
left join (select distinct icb_code_ods, committee_name, meeting_date, signal_id from int_evidence) as e
    on e.icb_code_ods = u.icb_code_ods and e.committee_name = u.committee_name
   and e.meeting_date = u.meeting_date
union all
select distinct e.icb_code_ods, dp.period_label, 'undated' as unit_key, e.signal_id
from int_evidence as e
join int_document_periods as dp on dp.sha256 = e.sha256 and dp.requested_url = e.requested_url
where e.meeting_date is null
