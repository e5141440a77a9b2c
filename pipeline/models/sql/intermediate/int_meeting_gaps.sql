-- depends_on: int_icb_periods, int_meetings, int_periods, stg_fetch_failures, stg_icbs
-- Meetings expected but without papers, per ICB x period and per ICB x quarter: meetings known
-- from the papers' links (collected or not) whose papers have no readable text, plus the board
-- meetings missing from a schedule of 6 a year (ICB boards typically meet in public every two
-- months; constitutions often set six as the minimum), pro rata to the days the ICB was in being
-- in the period up to the latest meeting in the data. The measurement model counts them as
-- units it could not search.
with known as (
    select icb_code_ods, committee_name, meeting_date, bool_or(is_board) as is_board,
           bool_or(has_papers) as has_papers
    from (
        select icb_code_ods, committee_name, meeting_date, is_board, has_papers from int_meetings
        union all
        select icb_code_ods, committee_name, meeting_date, is_board, false
        from stg_fetch_failures where meeting_date is not null
    )
    group by icb_code_ods, committee_name, meeting_date
),
windows as (
    select 'period' as window_kind, ip.icb_code_ods, ip.period_label,
           greatest(ip.period_start_date, i.valid_from_date) as window_start_date,
           least(ip.period_end_date, coalesce(i.valid_to_date, ip.period_end_date), b.latest_date)
               as window_end_date
    from int_icb_periods as ip
    join stg_icbs as i using (icb_code_ods)
    cross join (select max(period_end_date) as latest_date from int_periods where is_rolling) as b
    union all
    select 'quarter', i.icb_code_ods, cast(q.quarter_start_date as varchar),
           greatest(q.quarter_start_date, i.valid_from_date),
           least(cast(q.quarter_start_date + interval 3 month - interval 1 day as date),
                 coalesce(i.valid_to_date, date '2100-01-01'), b.latest_date)
    from (select distinct cast(date_trunc('quarter', meeting_date) as date) as quarter_start_date
          from int_meetings where has_papers) as q
    cross join stg_icbs as i
    cross join (select max(period_end_date) as latest_date from int_periods where is_rolling) as b
),
counted as (
    select w.window_kind, w.icb_code_ods, w.period_label,
           greatest(0, datediff('day', w.window_start_date, w.window_end_date) + 1) as days_in_being,
           count(k.meeting_date) filter (where not k.has_papers) as meetings_without_papers_count,
           count(k.meeting_date) filter (where k.is_board) as board_meetings_known_count
    from windows as w
    left join known as k
        on k.icb_code_ods = w.icb_code_ods
       and k.meeting_date between w.window_start_date and w.window_end_date
    group by all
)
select window_kind, icb_code_ods, period_label, meetings_without_papers_count,
       board_meetings_known_count,
       cast(floor(6.0 * days_in_being / 365) as integer) as board_meetings_expected_count,
       meetings_without_papers_count
           + greatest(0, cast(floor(6.0 * days_in_being / 365) as integer) - board_meetings_known_count)
           as units_missing_count
from counted
