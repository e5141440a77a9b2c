-- Every evidence quote is the page text between its offsets: exactly, or with its whitespace
-- normalised as the tagger writes it (quote == " ".join(text[start_char:end_char].split()):
-- runs of spaces, tabs, line breaks and other Unicode spaces become one space, ends trimmed).
select e.sha256, e.page_number, e.signal_id, e.start_char, e.end_char
from int_evidence_corrected as e
join stg_pages as p using (sha256, page_number)
where substr(p.text, e.start_char + 1, e.end_char - e.start_char) is distinct from e.quote
  and trim(regexp_replace(substr(p.text, e.start_char + 1, e.end_char - e.start_char),
                          '[\s\pZ\x{0B}\x{1C}-\x{1F}\x{85}]+', ' ', 'g'), ' ') is distinct from e.quote
