-- depends_on: raw_manifest, raw_settings
-- One row per collected document (the latest successful fetch of each URL).
with latest as (
    select *, row_number() over (partition by requested_url order by retrieved_at desc, sha256 nulls last, run_id, error) as recency
    from raw_manifest
)
select
    (select dataset from raw_settings) as dataset,
    icb_code_ods,
    committee_name,
    committee_source,
    coalesce(cast(is_board as boolean), false) as is_board,
    try_cast(meeting_date as date) as meeting_date,
    document_type,
    title,
    source_url,
    requested_url,
    found_on_url,
    sha256,
    cast(bytes_count as bigint) as bytes_count,
    content_type,
    cast(retrieved_at as timestamp) as retrieved_at
from latest
where recency = 1 and sha256 is not null
