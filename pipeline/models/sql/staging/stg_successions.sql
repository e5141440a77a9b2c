-- depends_on: raw_icb_successions
select predecessor_icb_code_ods, successor_icb_code_ods, cast(effective_date as date) as effective_date,
       change_type
from raw_icb_successions
