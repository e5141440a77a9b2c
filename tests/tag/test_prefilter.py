"""The prefilter only decides which rules are tried where: with Hyperscan and without it, the tagger
finds the same evidence, including on text whose letters, digits and spaces are not ASCII."""

import re

import pytest

from pipeline.signals import load_signals
from pipeline.tag import prefilter
from pipeline.tag.evaluate import read_devset
from pipeline.tag.matcher import Matcher
from pipeline.tag.model import load as load_model
from pipeline.tag.prefilter import ExclusionFilter, Prefilter, RegionFilter


def _variants(text: str) -> list[str]:
    """The text as PDFs and Word give it: thin and no-break spaces, accented letters, other digits,
    control characters as spaces."""
    return [text.replace(" ", "\u2009", 3).replace("e ", "é ").replace("a", "\u00e0", 2),
            text.replace(" ", "\u00a0").replace("1", "\u0661").replace("'", "\u2019"),
            text.replace("\n", "\u2028").replace(" the ", " th\u0435 "),
            "\u2013 " + text.replace(" ", "\x1c", 2).replace(" of ", "\x1fof\x1f")]


@pytest.fixture(scope="module")
def texts():
    examples = [example.text for example in read_devset()]
    pages = ["\n\n".join(examples[start:start + 25]) for start in range(0, len(examples), 25)]
    return examples + pages + [variant for text in examples[::4] for variant in _variants(text)]


def _evidence(matcher, texts):
    return [[(e.signal_id, e.rule_id, e.start, e.end, e.quote) for e in matcher.find(text)]
            for text in texts]


def test_hyperscan_and_plain_search_find_the_same_evidence(texts, monkeypatch):
    pytest.importorskip("hyperscan")
    fast = Matcher(load_signals())
    assert fast._prefilter.is_fast
    monkeypatch.setattr(prefilter, "hyperscan", None)
    plain = Matcher(load_signals())
    assert not plain._prefilter.is_fast
    found = _evidence(fast, texts)
    assert found == _evidence(plain, texts)
    assert sum(map(len, found)) > len(texts) // 2  # the comparison is about real evidence


def test_with_the_model_both_paths_find_the_same_evidence(texts, monkeypatch):
    pytest.importorskip("hyperscan")
    fast = Matcher(load_signals(), load_model())
    monkeypatch.setattr(prefilter, "hyperscan", None)
    plain = Matcher(load_signals(), load_model())
    found = _evidence(fast, texts)
    assert found == _evidence(plain, texts)
    assert any(rule_id.startswith("model[") for page in found for _, rule_id, *_ in page)


def test_a_key_may_match_across_two_units_only_in_their_window():
    pytest.importorskip("hyperscan")
    keys = (re.compile(r"citizens'?\s+panel"),)
    hits = Prefilter(keys, ()).scan("the citizens panel. it met", [(0, 19), (20, 26)])
    assert hits.keys(0, 19) == {0}
    assert hits.keys(20, 26) == set()
    split = Prefilter(keys, ()).scan("the citizens  panel", [(0, 12), (14, 19)])
    assert split.keys(0, 12) == set()  # (it may report the key in the second: a superset)
    assert split.keys(0, 19) == {0}
    assert split.spans_with_keys([0, 14]) == {1}


def test_keys_are_placed_by_characters_on_a_page_of_two_three_and_four_byte_characters():
    pytest.importorskip("hyperscan")
    keys = (re.compile(r"citizens'?\s+panel"), re.compile(r"\bforum\b"))
    text = "£5 – “the citizens panel” met. 🙂 the forum’s 2025–26 plan • forum"
    units = [(0, 30), (31, 60), (60, len(text))]
    hits = Prefilter(keys, ()).scan(text, units)
    assert [hits.keys(start, end) for start, end in units] == [{0}, {1}, {1}]
    assert hits.spans_with_keys([start for start, _ in units]) == {0, 1, 2}
    assert Prefilter(keys, ()).scan("’ citizens panel", [(0, 2)]).keys(0, 2) == set()


def test_control_spaces_are_spaces_to_hyperscan_on_any_page():
    pytest.importorskip("hyperscan")
    keys = (re.compile(r"citizens'?\s+panel"),)
    for text in ("the citizens\x1cpanel met", "the citizens\x1fpanel met \u2013 in May"):
        assert keys[0].search(text)
        assert Prefilter(keys, ()).scan(text, [(0, len(text))]).keys(0, len(text)) == {0}, text


def test_byte_offsets_become_character_offsets_even_inside_a_character():
    data = "a’b🙂c".encode()  # bytes: a 0, ’ 1-3, b 4, 🙂 5-8, c 9
    reported = [(1, 0), (4, 1), (5, 2), (7, 3), (9, 4), (10, 5)]
    assert prefilter._in_characters(data, reported) == [(1, 0), (2, 1), (3, 2), (3, 3), (4, 4), (5, 5)]


@pytest.mark.parametrize("pattern, message", [
    (r"^patients?\b", "uses ^ or $"),
    (r"\bcafé\b", "has a non-ASCII letter"),
])
def test_a_key_hyperscan_would_read_differently_is_refused(pattern, message):
    with pytest.raises(ValueError, match=re.escape(message)) as error:
        Prefilter((re.compile(pattern),), ())
    assert repr(pattern) in str(error.value) and "\n" not in str(error.value)


def test_role_words_are_found_first_and_last_on_both_paths(monkeypatch):
    text = "present: ann lee, carer; bo wu, chair; cy do, healthwatch lead"
    spans = [(0, len(text))]
    expected = (text.index("carer") + 4, text.index("healthwatch") + 10)
    if prefilter.hyperscan is not None:
        assert Prefilter((), ("carer", "healthwatch")).scan(text, spans).roles_at == expected
    monkeypatch.setattr(prefilter, "hyperscan", None)
    assert Prefilter((), ("carer", "healthwatch")).scan(text, spans).roles_at == expected


def test_the_compiled_database_is_kept_and_a_damaged_copy_is_rebuilt(tmp_path, monkeypatch):
    pytest.importorskip("hyperscan")
    monkeypatch.setattr(prefilter, "_CACHE_DIR", tmp_path / "cache")
    keys = (re.compile(r"\bpatient stor(?:y|ies)\b"),)
    text = "the board heard a patient story."

    def fresh():
        prefilter._database.cache_clear()
        return Prefilter(keys, ("carer",)).scan(text, [(0, len(text))]).keys(0, len(text))

    assert fresh() == {0}
    [kept] = (tmp_path / "cache").iterdir()
    kept.write_bytes(b"not a database")
    assert fresh() == {0}
    assert kept.read_bytes() != b"not a database"
    prefilter._database.cache_clear()


def test_the_exclusion_filter_keeps_every_exclusion_that_matches_and_few_others(texts, monkeypatch):
    pytest.importorskip("hyperscan")
    exclusions = tuple({pattern.pattern: pattern for signal in load_signals().signals
                        for pattern in signal.exclusions}.values())
    exclusions += (re.compile(r"^none\b"), re.compile(r"\bcafé\b"))  # an anchor; not ASCII
    units = [" ".join(text.lower().split()) for text in texts]
    units += ["none noted", "café", "café society"]
    fast = ExclusionFilter(exclusions)
    possible = [fast.possible(unit) for unit in units]
    matching = [{number for number, pattern in enumerate(exclusions) if pattern.search(unit)}
                for unit in units]
    assert all(found <= maybe for found, maybe in zip(matching, possible, strict=True))
    assert sum(map(len, matching)) > 100  # exclusions that really match are among the units
    assert sum(map(len, possible)) < 3 * sum(map(len, matching))  # and it filters the rest out
    assert len(exclusions) - 1 in possible[-1] and len(exclusions) - 2 in possible[-3]
    monkeypatch.setattr(prefilter, "hyperscan", None)
    assert ExclusionFilter(exclusions).possible("none noted") is None  # any may: all searched


def test_the_region_filter_keeps_every_region_where_a_heading_is_found(texts):
    """``may_match`` is False only where ``re`` finds nothing between ``start`` and ``end``
    (seeing the text before ``start``, none after ``end``), and is False for most regions."""
    pytest.importorskip("hyperscan")
    headings = load_signals().roster.headings
    region_filter = RegionFilter(headings)
    pages = [" ".join(text.lower().split()) for text in texts]
    pages += ["the membership of the board", "no one was pr\u00e9sent: membership",
              "x" * 40 + "present: ann lee", "members"]
    found, kept, regions = 0, 0, 0
    for page in pages:
        for start in range(0, len(page), 97):
            for end in (start + 13, start + 150, len(page)):
                is_found = headings.search(page, start, end) is not None
                may_match = region_filter.may_match(page, start, end)
                assert may_match or not is_found, (page[start:end], start, end)
                found, kept, regions = found + is_found, kept + may_match, regions + 1
    assert found > 200  # headings really are among the regions
    assert kept < 2 * found < regions  # and the filter rules most of the others out
    cut = "the membership of the board"  # "members" is a heading where the region ends at "p"
    assert headings.search(cut, 0, 11) and region_filter.may_match(cut, 0, 11)
    assert not region_filter.may_match(cut, 0, 9)  # "the membe": no heading yet


def test_a_pattern_hyperscan_cannot_compile_is_searched_everywhere():
    pytest.importorskip("hyperscan")
    region_filter = RegionFilter(re.compile(r"(?a:present)"))  # Python's flag, not Hyperscan's
    assert region_filter._database is None and region_filter.may_match("nothing here", 0, 12)
