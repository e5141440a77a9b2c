"""The tagger reads a PDF's typesetting artefacts undone, and quotes the page as written."""

import pytest

from pipeline.signals import load_signals
from pipeline.tag.matcher import Matcher, squash
from pipeline.tag.pdf_text import for_tagging


@pytest.fixture(scope="module")
def matcher():
    return Matcher(load_signals())


@pytest.mark.parametrize(("page", "read"), [
    ("a public consul-\ntation closed", "a public consultation closed"),
    ("a public consul-  \n  tation closed", "a public consultation closed"),
    ("a public consul- tation closed", "a public consultation closed"),  # run-on: the break is a space
    ("Lay Mem-\nber for PPI", "Lay Member for PPI"),
    ("a non-\nvoting member, co-\nproduced", "a non-voting member, co-produced"),
    ("pa\u00adtient and co\u00adproduced", "patient and coproduced"),
    ("pa\u00ad\ntient", "patient"),
    ("the \ufb01ndings and their in\ufb02uence", "the findings and their influence"),
    ("co\u2011designed with carers\u2009and\u00a0patients", "co-designed with carers and\u00a0patients"),
    ("the Citizens\u02bc Panel", "the Citizens\u2019 Panel"),
    ("Patient\u200b Safety Partners", "Patient Safety Partners"),
])
def test_broken_words_and_unicode_variants_are_read_as_written_out(page, read):
    text, origin = for_tagging(page)
    assert text == read
    assert len(origin) == len(text) + 1 and origin[-1] == len(page)
    assert origin == sorted(origin)
    changed = {character for position, character in enumerate(text)
               if page[origin[position]] != character}
    assert changed <= set("fil-\u2019 ")  # every other character comes from its own place


@pytest.mark.parametrize("page", [
    "short- and long-term plans; pre- or post-operative care",  # suspended hyphens
    "Item 5 - Patient story",
    "Quality Committee- Minutes",  # a capital after the hyphen: a heading, not a broken word
    "2023-\n24 plans",
    "plain text with nothing to undo",
])
def test_text_without_artefacts_is_read_as_it_is(page):
    assert for_tagging(page) == (page, None)


@pytest.mark.parametrize(("page", "signal_id", "quote"), [
    ("A twelve-week public consul-\ntation closed with 2,300 responses.", "consultation_engagement",
     "A twelve-week public consul- tation closed with 2,300 responses."),
    ("Two Patient Safety Part-\nners are members of the Quality and Safety Committee.",
     "committee_representation",
     "Two Patient Safety Part- ners are members of the Quality and Safety Committee."),
    ("The Citizens\u02bc Panel of 900 residents met in May.", "involvement_forum",
     "The Citizens\u02bc Panel of 900 residents met in May."),
    ("The \ufb01nance pa-\nper was noted.\n\nThe Board heard a patient story from a carer.",
     "patient_story", "The Board heard a patient story from a carer."),  # after the artefacts
])
def test_evidence_in_broken_text_quotes_the_page_as_written(matcher, page, signal_id, quote):
    evidence = [item for item in matcher.find("Minutes.\n\n" + page) if item.signal_id == signal_id]
    assert evidence, page
    for item in evidence:
        assert item.quote == squash(("Minutes.\n\n" + page)[item.start:item.end])
    assert quote in [item.quote for item in evidence]
