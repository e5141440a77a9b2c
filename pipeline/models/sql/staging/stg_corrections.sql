-- depends_on: raw_corrections
-- Corrections (data/corrections/<dataset>.csv), typed; line_number is the row's line in the file.
select correction_id, icb_code_ods, action, sha256, cast(page_number as integer) as page_number,
       signal_id, quote, reason, submitted_by,
       try_cast(nullif(submitted_date, '') as date) as submitted_date,
       cast(line_number as integer) as line_number
from raw_corrections
