-- depends_on: raw_region_ons_codes, raw_regions
-- Regions with their ONS codes through time.
select r.region_code_ods, r.region_name, c.region_code_ons,
       cast(c.valid_from_date as date) as valid_from_date,
       try_cast(nullif(c.valid_to_date, '') as date) as valid_to_date
from raw_regions as r
join raw_region_ons_codes as c using (region_code_ods)
