"""The labelled examples: the loader's checks, the blind-split rule, the accuracy file, dev floors."""

import csv
import hashlib
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from pipeline.signals import load_signals
from pipeline.tag.evaluate import (
    ACCURACY_COLUMNS,
    DEVSET_DIR,
    Example,
    accuracy_rows,
    hard_negatives_fired,
    is_blind,
    micro_f1,
    read_devset,
    score,
    wilson,
    write_accuracy,
    write_blind_split,
)
from pipeline.tag.matcher import Matcher
from pipeline.tag.model import load as load_model

# Floors on the dev split of the real-language examples (not the legacy, demo-like ones), set
# just under what the rules reach there (`python -m pipeline tag --evaluate --split dev`); the
# precision floor is below the 0.80 target because forum mentions are not yet told from
# forum descriptions reliably (see docs/signals_changelog.md). The micro-F1 floor was re-set from
# 0.84 to 0.82 on 2026-12-02, when five batches written apart from the rules joined the dev split
# (real-language dev micro-F1 was 0.87 on the first set; with the batches, after tuning, 0.834).
# When batches j-l joined untuned (tagger version 4), real-language dev micro-F1 fell to 0.807 and
# committee_representation recall to 0.69 (48 of 70: mostly rosters and apology lists of
# committees the excerpt does not name), so the floors went to 0.80 and 0.65. Batches m-p joined
# untuned (fresh text-only micro-F1 0.63-0.67): after tuning on their dev rows, real-language dev
# micro-F1 is 0.797, so the micro-F1 floor went to 0.79.
# Batches q-za joined untuned in session 4, when the model's second opinion was added beside the
# rules: the rules alone then reach 0.769 on the real-language dev rows (after one rule change:
# a health and wellbeing board is a council committee, not a board), committee_representation
# recall 0.58 and feedback_loop 0.61 (rosters and apology lists of bodies the excerpt does not
# name), committee_representation precision 0.72.
# Batches zb-zf joined untuned in session 5: the rules alone reached 0.759 there, 0.761 after two
# "you said" rules for feedback_loop, so the micro-F1 floor went to 0.75.
# Batches zg-zo joined in session 6 (their fresh text-only scores with rules and model were
# 0.39-0.79): the rules alone reach 0.744 on the real-language dev rows after six small rule
# changes, committee_representation recall 0.525 (council partnership boards, clinical reference
# groups and pharmacy committees), so the floors went to 0.74 and recall 0.50. Batches zp-zw
# (fresh 0.56-0.76 with rules and model) joined next: the rules alone reach 0.730, hard negatives
# tagged 109 of 1,091, so the micro-F1 floor went to 0.72. Batches zx-zzc (session 7, written
# for the signals the tagger misses most; fresh 0.56-0.75 with rules and model) joined untuned:
# the rules alone reach 0.714, board_representation precision 0.67 (health and wellbeing board
# rosters and seats the excerpt calls "the Board"), committee_representation recall 0.49 (the
# same boards' rosters without a heading), hard negatives tagged 130 of 1,217, so the floors went
# to 0.71, precision 0.65, recall 0.45 and hard negatives 11%.
# Batches 2026-12-03a-h (session 12, written for the wording the tagger reads worst; fresh 0.54
# with the rules alone) joined untuned: the rules alone reach 0.699, committee_representation
# recall 0.45, hard negatives tagged 151 of 1,399, so the micro-F1 floor went to 0.69.
# Batches 2026-12-03i-t (session 13; fresh 0.60 with the rules alone, many written from other
# passages of dev-split pages) joined untuned: the rules alone reach 0.683, board_representation
# precision 0.63 (health and wellbeing boards and IJBs again), committee_representation recall
# 0.43, hard negatives tagged 196 of 1,749 (11.2%), so the floors went to 0.68, precision 0.60,
# recall 0.43 and hard negatives 12%; the shipped tagger's blind-split guard keeps its own 9%.
# These floors hold the rules alone near that level; the shipped tagger (rules and model) is held
# on the blind split below, where neither was tuned or trained.
DEV_MICRO_F1_FLOOR = 0.68
DEV_PRECISION_FLOOR, DEV_RECALL_FLOOR = 0.60, 0.43
DEV_HARD_NEGATIVES_FIRED = 0.12  # at most this share of the dev split's hard negatives tagged
BLIND_MICRO_F1_FLOOR = 0.74  # rules and model on the blind split: 0.750 (text only) on 1,974
BLIND_HARD_NEGATIVES_FIRED = 0.09  # ... which tag 55 of its 706 hard negatives (7.8%)
REAL_DEV_MINIMUM = 300  # fewer real-language dev rows than this: the floors are not meaningful
GOOD = {"example_id": "t-1", "signals": ["patient_story"], "text": "The Board heard a patient story.",
        "source_url": "https://example.org/a.pdf", "body_kind": "icb", "era": "icb",
        "document_kind": "minutes", "structure": "sentence"}


@pytest.fixture(scope="module")
def matcher():
    return Matcher(load_signals())


@pytest.fixture(scope="module")
def examples():
    """The bundled examples, plus ATLAS_EXTRA_DEVSET (directories, os.pathsep-separated) when set,
    e.g. to score examples still being written elsewhere."""
    extra = [Path(d) for d in os.environ.get("ATLAS_EXTRA_DEVSET", "").split(os.pathsep) if d]
    return read_devset([DEVSET_DIR, *extra])


def write_rows(folder, rows, name="a.jsonl"):
    folder.mkdir(exist_ok=True)
    (folder / name).write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return folder


def test_reads_every_file_in_name_order(tmp_path):
    write_rows(tmp_path / "d", [GOOD], "b.jsonl")
    write_rows(tmp_path / "d", [{**GOOD, "example_id": "t-0", "committee_name": "Board"}], "a.jsonl")
    rows = read_devset(tmp_path / "d")
    assert [row.example_id for row in rows] == ["t-0", "t-1"]
    assert rows[0].committee_name == "Board" and rows[1].committee_name is None
    assert rows[1].signals == {"patient_story"} and rows[1].where.endswith("b.jsonl:1")


@pytest.mark.parametrize("change, message", [
    ({"signals": ["patient_stories"]}, r"a\.jsonl:2: unknown signal patient_stories"),
    ({"signals": "patient_story"}, r"a\.jsonl:2: signals must be a list"),
    ({"era": "victorian"}, r"a\.jsonl:2: era 'victorian' is not one of"),
    ({"structure": None}, r"a\.jsonl:2: structure must be a string"),
    ({"text": "  "}, r"a\.jsonl:2: example_id and text must not be empty"),
    ({"example_id": "t-1"}, r"a\.jsonl:2: example_id t-1 already used at .*a\.jsonl:1"),
    ({"committee_name": 3}, r"a\.jsonl:2: committee_name must be a string"),
])
def test_bad_rows_are_one_line_errors_naming_file_and_line(tmp_path, change, message):
    folder = write_rows(tmp_path / "d", [GOOD, {**GOOD, "example_id": "t-2", **change}])
    with pytest.raises(ValueError, match=message) as error:
        read_devset(folder)
    assert "\n" not in str(error.value)


def test_missing_fields_broken_json_and_bytes(tmp_path):
    folder = write_rows(tmp_path / "d", [{k: v for k, v in GOOD.items() if k != "era"}])
    with pytest.raises(ValueError, match=r"a\.jsonl:1: missing era"):
        read_devset(folder)
    (folder / "a.jsonl").write_text('{"example_id": \n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"a\.jsonl:1: Expecting value"):
        read_devset(folder)
    (folder / "a.jsonl").write_bytes(b'{"text": "caf\xe9"}\n')
    with pytest.raises(ValueError, match=r"a\.jsonl: not UTF-8"):
        read_devset(folder)
    with pytest.raises(ValueError, match=r"no devset \*\.jsonl files"):
        read_devset(tmp_path / "empty")


def test_cli_bad_devset_exits_2_with_one_line(tmp_path):
    folder = write_rows(tmp_path / "d", [{**GOOD, "signals": ["nope"]}])
    result = subprocess.run([sys.executable, "-m", "pipeline", "tag", "--evaluate", "--devset",
                             str(folder), "--split", "dev"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "a.jsonl:1: unknown signal nope" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_blind_split_is_the_readme_rule():
    for url in ("https://a.example/x.pdf", "https://b.example/y.pdf", "https://c.example/z"):
        expected = int(hashlib.sha256(url.encode()).hexdigest()[:8], 16) % 100 < 30
        assert is_blind(url) is expected
    assert is_blind("") is False
    urls = [f"https://example.org/{n}.pdf" for n in range(2000)]
    assert 0.27 < sum(map(is_blind, urls)) / len(urls) < 0.33


def test_wilson_interval():
    low, high = wilson(8, 10)
    assert (round(low, 4), round(high, 4)) == (0.4902, 0.9433)
    assert wilson(0, 0) is None
    assert wilson(10, 10)[1] == 1.0 and wilson(0, 10)[0] == 0.0


def test_accuracy_file_has_the_readme_columns(tmp_path, matcher):
    rows = [Example("t", frozenset({"patient_story"}), text, "", "icb", "icb", "minutes",
                    "sentence", None, "x:1")
            for text in ("The Board heard a patient story.", "The Board noted the finance report.")]
    scores = {"dev": score(matcher, rows), "blind": score(matcher, rows[:1])}
    path = tmp_path / "accuracy.csv"
    write_accuracy(accuracy_rows(scores, {"dev": 2, "blind": 1}, matcher.version), path)
    with path.open(encoding="utf-8") as handle:
        table = list(csv.DictReader(handle))
    assert list(table[0]) == ACCURACY_COLUMNS
    assert len(table) == 2 * len(load_signals().signals)
    story = next(r for r in table if r["signal_id"] == "patient_story" and r["split"] == "dev")
    counts = (story["example_count"], story["true_positive_count"], story["false_negative_count"])
    assert counts == ("2", "1", "1")
    assert story["precision"] == "1.0000" and story["recall"] == "0.5000"
    untagged = next(r for r in table if r["signal_id"] == "feedback_loop" and r["split"] == "dev")
    assert untagged["precision"] == "" and untagged["recall"] == ""  # nothing tagged, nothing expected
    assert {r["tagger_version"] for r in table} == {matcher.version}


def test_blind_split_file_lists_sorted_blind_urls_under_the_commit(tmp_path, examples):
    path = tmp_path / "blind.txt"
    count = write_blind_split(examples, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert "f49460a" in lines[0] and lines[1:] == sorted(lines[1:]) and len(lines) == count + 1
    assert all(is_blind(url) for url in lines[1:])


def test_the_label_review_asks_about_dev_examples_as_they_are_labelled():
    """Each reviewed question names a dev example and a signal, once, and records its label as the
    example still has it (the review suggested corrections; none were applied)."""
    dev = {row.example_id: row for row in read_devset(DEVSET_DIR) if row.split == "dev"}
    ids = set(load_signals().ids())
    asked = set()
    for line in (DEVSET_DIR.parent / "label_review_2026-12-03.jsonl").read_text("utf-8").splitlines():
        review = json.loads(line)
        question = (review["example_id"], review["signal_id"])
        assert question not in asked and question[1] in ids, question
        asked.add(question)
        assert (question[1] in dev[question[0]].signals) == review["is_labelled"], question
        assert {type(review[key]) for key in ("is_tagged", "is_control", "review_a",
                                              "review_b")} == {bool}, question
    assert len(asked) >= 1500


def test_devset_has_enough_examples(examples):
    for signal in load_signals().signals:
        assert sum(signal.signal_id in row.signals for row in examples) >= 10, signal.signal_id
    assert sum(not row.signals for row in examples) >= 120


def test_floors_on_the_real_language_dev_split(matcher, examples):
    real_dev = [row for row in examples if row.split == "dev" and not row.example_id.startswith("legacy-")]
    if len(real_dev) < REAL_DEV_MINIMUM:
        pytest.skip(f"only {len(real_dev)} real-language dev examples in {DEVSET_DIR}")
    scores = score(matcher, real_dev)
    fired, negatives = hard_negatives_fired(matcher, real_dev)
    print(f"\nreal dev micro-F1 {micro_f1(scores):.3f}; hard negatives {fired}/{negatives}")
    for s in scores.values():
        print(f"  {s.signal_id:26} precision {s.precision:.2f} recall {s.recall:.2f}")
        assert s.precision >= DEV_PRECISION_FLOOR, s
        assert s.recall >= DEV_RECALL_FLOOR, s
    assert micro_f1(scores) >= DEV_MICRO_F1_FLOOR
    assert fired / negatives <= DEV_HARD_NEGATIVES_FIRED


def test_floor_of_the_shipped_tagger_on_the_blind_split(examples):
    """Scored only: a regression guard on what `tag` and `tag --jsonl` ship, not a target."""
    blind = [row for row in examples if row.split == "blind"]
    shipped = Matcher(load_signals(), load_model())
    assert micro_f1(score(shipped, blind, text_only=True)) >= BLIND_MICRO_F1_FLOOR
    fired, negatives = hard_negatives_fired(shipped, blind)
    assert fired / negatives <= BLIND_HARD_NEGATIVES_FIRED


def test_legacy_examples_still_pass(matcher, examples):
    legacy = [row for row in examples if row.example_id.startswith("legacy-")]
    assert len(legacy) == 243
    assert micro_f1(score(matcher, legacy)) >= 0.95
    assert hard_negatives_fired(matcher, legacy)[0] <= 2


def test_text_only_scoring_ignores_the_documents_committee():
    """``tag --jsonl`` gets an excerpt without its document: the evaluation can score that way."""
    from pipeline.signals import load_signals
    from pipeline.tag.evaluate import Example, found_signals
    from pipeline.tag.matcher import Matcher

    matcher = Matcher(load_signals())
    example = Example("t-1", frozenset({"committee_representation"}),
                      "Voting members:\nJ Ames, Chair\nM Grey, Service User Representative\n", "", "icb",
                      "icb", "minutes", "roster", "Quality Committee", "test:1")
    assert found_signals(matcher, example) == {"committee_representation"}
    assert found_signals(matcher, example, text_only=True) == {"board_representation"}


@pytest.mark.parametrize(("name", "excerpt_count"), [("real_text_check_2026-12-03.csv", 156),
                                                     ("real_text_check_2026-12-03b.csv", 145),
                                                     ("real_text_check_2026-12-03c.csv", 138),
                                                     ("real_text_check_2026-12-04.csv", 136),
                                                     ("real_text_check_2026-12-04b.csv", 140),
                                                     ("real_text_check_2026-12-06.csv", 61),
                                                     ("real_text_check_2026-12-06b.csv", 119),
                                                     ("real_text_check_2026-12-06c.csv", 114),
                                                     ("real_text_check_2026-12-06d.csv", 111),
                                                     ("real_text_check_2026-12-06e.csv", 116),
                                                     ("real_text_check_2026-12-07.csv", 112),
                                                     ("real_text_check_2026-12-07b.csv", 86)])
def test_the_real_text_check_records_labels_and_halves_by_its_rule(name, excerpt_count):
    ids = {signal.signal_id for signal in load_signals().signals}
    path = DEVSET_DIR.parent / name
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == excerpt_count and len({row["excerpt_id"] for row in rows}) == excerpt_count
    for row in rows:
        expected = "look" if int(hashlib.md5(row["source_url"].encode()).hexdigest(), 16) % 2 == 0 \
            else "frozen"
        assert row["half"] == expected, row["excerpt_id"]
        for column in ("labels_a", "labels_b", "tagged_before", "tagged_after"):
            assert set(filter(None, row[column].split(";"))) <= ids, (row["excerpt_id"], column)


def test_no_page_of_a_real_text_check_is_a_source_of_an_example_or_of_another_check(examples):
    """A real-text check measures text the tagger was not built from: none of its pages may be
    the source of a dev-split example (the rules were tuned and the model trained on those),
    nor of an earlier check's excerpts."""
    sources = {example.source_url for example in examples if example.split == "dev"}
    seen: set[str] = set()
    for path in sorted(DEVSET_DIR.parent.glob("real_text_check_*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            urls = {row["source_url"] for row in csv.DictReader(handle)}
        assert not urls & sources, (path.name, sorted(urls & sources)[:3])
        assert not urls & seen, (path.name, sorted(urls & seen)[:3])
        seen |= urls


def _six_word_runs(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return set(zip(*(words[start:] for start in range(6)), strict=False))


def test_few_blind_examples_repeat_a_dev_example(examples):
    """The split is by URL, so one passage written twice from two addresses of a document (a
    mirror, another year's copy) can sit in both splits. Statutory wording repeats across bodies
    too, so some overlap is real; a blind example sharing more than five, and more than a fifth,
    of its six-word runs with one dev example is counted, and the count is held near its
    2026-12-03 level (32 of 1,974; the blind micro-F1 without them 0.749 against 0.750)."""
    index: dict[tuple[str, ...], set[str]] = {}
    for example in examples:
        if example.split == "dev":
            for run in _six_word_runs(example.text):
                index.setdefault(run, set()).add(example.example_id)
    blind = [example for example in examples if example.split == "blind"]
    repeats = []
    for example in blind:
        runs = _six_word_runs(example.text)
        shared = Counter(other for run in runs for other in index.get(run, ()))
        if shared and (count := shared.most_common(1)[0][1]) > 5 and count > 0.2 * len(runs):
            repeats.append(example.example_id)
    assert len(repeats) <= 0.02 * len(blind), repeats[:10]


def test_candidate_examples_are_dev_examples_from_no_frozen_check_page():
    """data/evaluation/devset_candidates: written, measured, not trained on (README); they must
    load beside the devset, train only (dev split), and leave every check's frozen half unread."""
    candidates = DEVSET_DIR.parent / "devset_candidates"
    examples = read_devset([DEVSET_DIR, candidates])  # ids unique across both
    mine = [row for row in examples if row.where.startswith(str(candidates))]
    assert len(mine) >= 900  # two batches: 356 (session 24) and 614 (session 29)
    assert all(row.split == "dev" for row in mine)
    frozen = {row["source_url"] for path in sorted(DEVSET_DIR.parent.glob("real_text_check_*.csv"))
              for row in csv.DictReader(path.open(encoding="utf-8")) if row["half"] == "frozen"}
    assert not {row.source_url for row in mine} & frozen
