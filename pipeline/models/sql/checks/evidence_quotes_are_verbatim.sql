-- Every evidence quote is exactly the page text between its offsets.
select e.sha256, e.page_number, e.signal_id, e.start_char, e.end_char
from stg_evidence as e
join stg_pages as p using (sha256, page_number)
where substr(p.text, e.start_char + 1, e.end_char - e.start_char) <> e.quote
