-- depends_on: raw_manifest
-- Document links found but not collected, with the reason (latest attempt per URL).
with latest as (
    select *, row_number() over (partition by requested_url order by retrieved_at desc, sha256 nulls last, run_id, error) as recency
    from raw_manifest
)
select icb_code_ods, requested_url, title, error, cast(retrieved_at as timestamp) as retrieved_at,
       committee_name, coalesce(cast(is_board as boolean), false) as is_board,
       try_cast(meeting_date as date) as meeting_date
from latest
where recency = 1 and sha256 is null
