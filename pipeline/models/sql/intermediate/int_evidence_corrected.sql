-- depends_on: stg_corrections, stg_evidence, stg_pages
-- Tagged evidence with corrections applied: a rejected signal's passages on the page removed,
-- added passages included (at the quote's first place on the page, confidence 1).
with rejected as (
    select sha256, page_number, signal_id from stg_corrections where action = 'reject_evidence'
),
tagged as (
    select e.sha256, e.page_number, e.signal_id, e.rule_id, e.start_char, e.end_char, e.quote,
           e.confidence, false as is_correction
    from stg_evidence as e
    anti join rejected as r using (sha256, page_number, signal_id)
),
added as (
    select c.sha256, c.page_number, c.signal_id, 'correction:' || c.correction_id as rule_id,
           cast(instr(p.text, c.quote) - 1 as integer) as start_char,
           cast(instr(p.text, c.quote) - 1 + length(c.quote) as integer) as end_char,
           c.quote, 1.0 as confidence, true as is_correction
    from stg_corrections as c
    join stg_pages as p using (sha256, page_number)
    where c.action = 'add_evidence' and instr(p.text, c.quote) > 0
)
select * from tagged
union all
select * from added
