-- depends_on: stg_icb_ons_codes, stg_icbs, stg_regions
-- An ICB's codes and region on any date: the one place "the ONS code on a date" is written.
-- For each ICB, consecutive date ranges that together cover all time (0001-01-01 to 9999-12-31),
-- each with the ICB's ONS code and its region's ONS code in force throughout (null where none
-- is), the region's ODS code and its name. A model finds the codes on its date with
--   join int_icb_codes_on_date as c
--     on c.icb_code_ods = x.icb_code_ods and <date> between c.valid_from_date and c.valid_to_date
-- and every date finds exactly one row (a left join, so a null date keeps its row).
with changes as (
    select icb_code_ods, date '0001-01-01' as change_date from stg_icbs
    union
    select icb_code_ods, valid_from_date from stg_icb_ons_codes
    union
    select icb_code_ods, cast(valid_to_date + 1 as date) from stg_icb_ons_codes
    where valid_to_date is not null
    union
    select i.icb_code_ods, r.valid_from_date
    from stg_icbs as i join stg_regions as r using (region_code_ods)
    union
    select i.icb_code_ods, cast(r.valid_to_date + 1 as date)
    from stg_icbs as i join stg_regions as r using (region_code_ods)
    where r.valid_to_date is not null
),
ranges as (
    select icb_code_ods, change_date as valid_from_date,
           coalesce(cast(lead(change_date) over (partition by icb_code_ods order by change_date) - 1
                         as date), date '9999-12-31') as valid_to_date
    from changes
),
region_names as (
    select distinct region_code_ods, region_name from stg_regions
)
select g.icb_code_ods, g.valid_from_date, g.valid_to_date, o.icb_code_ons, i.region_code_ods,
       r.region_code_ons, n.region_name
from ranges as g
join stg_icbs as i using (icb_code_ods)
left join stg_icb_ons_codes as o
    on o.icb_code_ods = g.icb_code_ods
   and g.valid_from_date between o.valid_from_date and coalesce(o.valid_to_date, date '9999-12-31')
left join stg_regions as r
    on r.region_code_ods = i.region_code_ods
   and g.valid_from_date between r.valid_from_date and coalesce(r.valid_to_date, date '9999-12-31')
left join region_names as n on n.region_code_ods = i.region_code_ods
