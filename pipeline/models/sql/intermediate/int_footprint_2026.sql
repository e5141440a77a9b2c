-- depends_on: stg_icbs, stg_successions
-- The fixed footprint for trends: every ICB mapped to the 2026 ICB(s) now covering its area
-- (itself if it continues; each successor if it was merged or split).
select i.icb_code_ods, i.icb_code_ods as footprint_icb_code_ods
from stg_icbs as i
where i.valid_to_date is null
union all
select s.predecessor_icb_code_ods, s.successor_icb_code_ods
from stg_successions as s
