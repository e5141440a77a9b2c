-- depends_on: raw_icbs
-- ICBs from the registry, typed.
select
    icb_code_ods, icb_name, icb_short_name, region_code_ods,
    cast(valid_from_date as date) as valid_from_date,
    try_cast(nullif(valid_to_date, '') as date) as valid_to_date,
    nullif(website_url, '') as website_url,
    nullif(board_papers_url, '') as board_papers_url
from raw_icbs
