-- An added-evidence correction whose quote is not on the page it names (shown by CSV line).
select c.line_number, c.correction_id, c.sha256, c.page_number, c.quote
from stg_corrections as c
left join stg_pages as p using (sha256, page_number)
where c.action = 'add_evidence' and (p.text is null or instr(p.text, c.quote) = 0)
