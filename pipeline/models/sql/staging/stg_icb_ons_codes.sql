-- depends_on: raw_icb_ons_codes
select icb_code_ods, icb_code_ons, cast(valid_from_date as date) as valid_from_date,
       try_cast(nullif(valid_to_date, '') as date) as valid_to_date
from raw_icb_ons_codes
