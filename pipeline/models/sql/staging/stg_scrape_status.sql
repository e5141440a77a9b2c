-- depends_on: raw_scrape_runs
-- The latest crawl outcome per ICB.
with ranked as (
    select *, row_number() over (partition by icb_code_ods order by finished_at desc, run_id) as recency
    from raw_scrape_runs
)
select icb_code_ods, start_url, status as scrape_status, cast(finished_at as timestamp) as crawled_at
from ranked
where recency = 1
