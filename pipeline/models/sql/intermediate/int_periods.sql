-- depends_on: stg_documents
-- Reporting periods: financial years from 2022/23 to the latest meeting, and the rolling 12 months
-- to the latest meeting date in the data.
with bounds as (
    select coalesce(max(meeting_date), date '2022-07-01') as latest_date from stg_documents
),
years as (
    select unnest(range(2022, (
        select case when month(latest_date) >= 4 then year(latest_date) else year(latest_date) - 1 end
        from bounds) + 1)) as start_year
)
select
    cast(start_year as varchar) || '/' || right(cast(start_year + 1 as varchar), 2) as period_label,
    make_date(start_year, 4, 1) as period_start_date,
    make_date(start_year + 1, 3, 31) as period_end_date,
    false as is_rolling,
    start_year as period_order
from years
union all
select 'rolling_12m', cast(latest_date - interval 1 year + interval 1 day as date), latest_date, true, 9999
from bounds
