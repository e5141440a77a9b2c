-- depends_on: int_icb_codes_on_date, int_periods, stg_icbs
-- Every ICB in being at some point in each period, with the codes and region of the period's end
-- (or of its last day, if it was abolished first). is_in_footprint: in being at the period's end,
-- the footprint ranks and regional comparisons use (42 ICBs before April 2026, 36 after).
with active as (
    select p.*, i.icb_code_ods, i.icb_name, i.icb_short_name, i.region_code_ods,
           least(p.period_end_date, coalesce(i.valid_to_date, p.period_end_date)) as reference_date,
           (i.valid_to_date is null or i.valid_to_date >= p.period_end_date)
               and i.valid_from_date <= p.period_end_date as is_in_footprint
    from int_periods as p
    join stg_icbs as i
        on i.valid_from_date <= p.period_end_date
       and (i.valid_to_date is null or i.valid_to_date >= p.period_start_date)
)
select a.*, c.icb_code_ons, c.region_code_ons, c.region_name
from active as a
left join int_icb_codes_on_date as c
    on c.icb_code_ods = a.icb_code_ods
   and a.reference_date between c.valid_from_date and c.valid_to_date
