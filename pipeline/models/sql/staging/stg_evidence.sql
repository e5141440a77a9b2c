-- depends_on: raw_evidence
-- Tagged evidence, typed (corrections are applied in intermediate/int_evidence_corrected).
select sha256, cast(page_number as integer) as page_number, signal_id, rule_id,
       cast(start_char as integer) as start_char, cast(end_char as integer) as end_char,
       quote, cast(confidence as double) as confidence, tagger_version
from raw_evidence
