-- depends_on: int_documents, int_periods
-- Which period(s) each document counts in. A dated document counts in the periods containing its
-- meeting date; an undated one (a constitution, terms of reference) is taken as current and counts
-- in the latest financial year and the rolling 12 months.
with latest_year as (
    select max(period_label) as period_label from int_periods where not is_rolling
)
select d.sha256, d.requested_url, d.icb_code_ods, p.period_label
from int_documents as d
join int_periods as p
    on d.meeting_date between p.period_start_date and p.period_end_date
union all
select d.sha256, d.requested_url, d.icb_code_ods, p.period_label
from int_documents as d
join int_periods as p
    on p.is_rolling or p.period_label = (select period_label from latest_year)
where d.meeting_date is null
