-- An added-evidence correction whose quote is not on the page it names (shown by CSV line).
select c.line_number, c.correction_id, c.sha256, c.page_number, c.quote
from raw_corrections as c
left join raw_pages as p on p.sha256 = c.sha256 and cast(p.page_number as integer) = cast(c.page_number as integer)
where c.action = 'add_evidence' and (p.text is null or instr(p.text, c.quote) = 0)
