-- depends_on: raw_pages
-- Page text, for checks and corrections (the marts never need it whole).
select sha256, cast(page_number as integer) as page_number, text, cast(char_count as integer) as char_count,
       cast(is_needs_ocr as boolean) as is_needs_ocr
from raw_pages
