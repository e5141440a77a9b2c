-- Tagged evidence, with corrections applied: rejected passages removed, added passages included.
with rejected as (
    select sha256, cast(page_number as integer) as page_number, signal_id
    from raw_corrections where action = 'reject_evidence'
),
tagged as (
    select e.sha256, cast(e.page_number as integer) as page_number, e.signal_id, e.rule_id,
           cast(e.start_char as integer) as start_char, cast(e.end_char as integer) as end_char,
           e.quote, cast(e.confidence as double) as confidence, false as is_correction
    from raw_evidence as e
    anti join rejected as r
        on r.sha256 = e.sha256 and r.page_number = e.page_number and r.signal_id = e.signal_id
),
added as (
    select c.sha256, cast(c.page_number as integer) as page_number, c.signal_id,
           'correction:' || c.correction_id as rule_id,
           cast(instr(p.text, c.quote) - 1 as integer) as start_char,
           cast(instr(p.text, c.quote) - 1 + length(c.quote) as integer) as end_char,
           c.quote, 1.0 as confidence, true as is_correction
    from raw_corrections as c
    join raw_pages as p on p.sha256 = c.sha256 and cast(p.page_number as integer) = cast(c.page_number as integer)
    where c.action = 'add_evidence' and instr(p.text, c.quote) > 0
)
select * from tagged
union all
select * from added
