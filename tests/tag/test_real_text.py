"""The real-text checks: re-recording their tags from texts kept outside the repository, the
counting, and the pooled real_text rows of tagger_accuracy.csv that the intervals use."""

import csv
import hashlib
import json
import subprocess
import sys

import pandas as pd
import pytest

from pipeline.signals import load_signals
from pipeline.tag import real_text
from pipeline.tag.evaluate import ACCURACY_PATH, EVALUATION_DIR
from pipeline.tag.evaluate_cli import current_checks
from pipeline.tag.matcher import Matcher
from pipeline.tag.model import load as load_model

SIGNAL_SET = load_signals()
SIGNAL_IDS = set(SIGNAL_SET.ids())
TEXTS = {"x-1": "Members of the public may ask questions at the start of each Board meeting.",
         "x-2": "The car park will be resurfaced in March."}


@pytest.fixture(scope="module")
def matcher():
    return Matcher(SIGNAL_SET, load_model())


def write_check(directory, name="real_text_check_test.csv", version="old", **overrides):
    """A two-excerpt check whose digests fit TEXTS; ``overrides`` replace excerpt x-1's cells."""
    rows = []
    for excerpt_id, text in TEXTS.items():
        rows.append(dict(zip(real_text.COLUMNS, (
            excerpt_id, f"https://example.org/{excerpt_id}", "icb", "minutes", "look",
            str(len(text)), hashlib.sha256(text.encode()).hexdigest()[:16],
            "public_questions" if excerpt_id == "x-1" else "",
            "public_questions" if excerpt_id == "x-1" else "", "", "", version), strict=True)))
    rows[0].update(overrides)
    return write_rows(directory / name, rows)


def write_rows(path, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, real_text.COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_texts(directory, texts=TEXTS):
    path = directory / "texts.jsonl"
    path.write_text("".join(json.dumps({"excerpt_id": k, "text": v}) + "\n"
                            for k, v in texts.items()), encoding="utf-8")
    return path


def test_recording_tags_each_text_alone_and_names_the_tagger(tmp_path, matcher):
    path = write_check(tmp_path)
    recorded, changed = real_text.record_check(real_text.read_check(path, SIGNAL_IDS),
                                               write_texts(tmp_path), matcher)
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert (recorded, changed) == (2, 1)
    assert [row["tagged_after"] for row in rows] == ["public_questions", ""]
    assert {row["tagged_after_version"] for row in rows} == {matcher.version}
    assert [row["labels_a"] for row in rows] == ["public_questions", ""]  # the rest is kept
    assert real_text.read_check(path, SIGNAL_IDS).versions == {matcher.version}


@pytest.mark.parametrize(("texts", "message"), [
    ({"x-1": TEXTS["x-1"] + " ", "x-2": TEXTS["x-2"]}, "excerpt x-1 is not the one"),
    ({"x-2": TEXTS["x-2"]}, "no text for excerpt x-1"),
])
def test_a_text_that_is_not_the_checks_changes_nothing(tmp_path, matcher, texts, message):
    path = write_check(tmp_path)
    before = path.read_bytes()
    with pytest.raises(ValueError, match=message):
        real_text.record_check(real_text.read_check(path, SIGNAL_IDS), write_texts(tmp_path, texts),
                               matcher)
    assert path.read_bytes() == before


def test_allow_missing_records_the_excerpts_that_have_a_text_and_keeps_the_others(tmp_path,
                                                                                 matcher):
    path = write_check(tmp_path, version="5-old", tagged_after="patient_story")
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows[1]["tagged_after"] = "inclusion_reach"
    write_rows(path, rows)
    texts = write_texts(tmp_path, {"x-2": TEXTS["x-2"]})
    check = real_text.read_check(path, SIGNAL_IDS)
    assert real_text.record_check(check, texts, matcher, allow_missing=True) == (1, 1)
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert [(row["tagged_after"], row["tagged_after_version"]) for row in rows] == \
        [("patient_story", "5-old"), ("", matcher.version)]
    check = real_text.read_check(path, SIGNAL_IDS)
    assert [row["excerpt_id"] for row in real_text.recorded_by(check, matcher.version).rows] == \
        ["x-2"]
    wrong = write_texts(tmp_path, {"x-2": TEXTS["x-2"] + "."})
    with pytest.raises(ValueError, match="excerpt x-2 is not the one"):
        real_text.record_check(check, wrong, matcher, allow_missing=True)


def test_a_check_that_breaks_its_format_is_named_with_its_line(tmp_path):
    path = write_check(tmp_path, labels_b="public_questions;patient_voices")
    with pytest.raises(ValueError, match=r"real_text_check_test\.csv:2: labels_b has unknown "
                                         r"signal patient_voices"):
        real_text.read_check(path, SIGNAL_IDS)
    path.write_text("excerpt_id,text\nx-1,hello\n", encoding="utf-8")
    with pytest.raises(ValueError, match="expected the columns excerpt_id, source_url"):
        real_text.read_check(path, SIGNAL_IDS)


def test_counting_leaves_out_what_only_one_labelling_gives(tmp_path):
    path = write_check(tmp_path, labels_a="public_questions;patient_story;feedback_loop",
                       labels_b="public_questions;feedback_loop",
                       tagged_after="public_questions;patient_story;inclusion_reach")
    scores = real_text.scores([real_text.read_check(path, SIGNAL_IDS)], tuple(SIGNAL_IDS))
    counts = {signal_id: (s.true_positive_count, s.false_positive_count, s.false_negative_count)
              for signal_id, s in scores.items() if s.true_positive_count + s.false_positive_count
              + s.false_negative_count}
    assert counts == {"public_questions": (1, 0, 0), "feedback_loop": (0, 0, 1),
                      "inclusion_reach": (0, 1, 0)}  # patient_story: one labelling only
    assert real_text.negatives_tagged([real_text.read_check(path, SIGNAL_IDS)]) == (0, 1)


def test_only_excerpts_that_this_tagger_recorded_are_pooled(tmp_path, matcher, capsys):
    current = write_check(tmp_path, "real_text_check_a.csv", version=matcher.version)
    stale = write_check(tmp_path, "real_text_check_b.csv", version="5-old")
    mixed = write_check(tmp_path, "real_text_check_c.csv", version=matcher.version,
                        tagged_after_version="5-old")  # x-1 stale, x-2 current
    pooled = current_checks(matcher, [current, stale, mixed])
    assert [(check.path, [row["excerpt_id"] for row in check.rows]) for check in pooled] == \
        [(current, ["x-1", "x-2"]), (mixed, ["x-2"])]
    out = capsys.readouterr().out
    assert f"real_text_check_b.csv: 2 of 2 excerpts left out: their tagged_after is tagger " \
           f"5-old, not {matcher.version}" in out
    assert "real_text_check_c.csv: 1 of 2 excerpts left out" in out
    assert "real_text_check_a.csv" not in out


def test_the_shipped_real_text_rows_pool_the_checks_that_record_their_tagger():
    """tagger_accuracy.csv's real_text rows are the counts of the checks' excerpts that the tagger
    those rows name recorded (so a check re-recorded without --evaluate, or edited, is caught)."""
    accuracy = pd.read_csv(ACCURACY_PATH)
    rows = accuracy[accuracy["split"] == "real_text"].set_index("signal_id")
    assert set(rows.index) == SIGNAL_IDS
    (version,) = set(rows["tagger_version"])
    checks = [real_text.read_check(path, SIGNAL_IDS)
              for path in real_text.check_paths(EVALUATION_DIR)]
    checks = [real_text.recorded_by(check, version) for check in checks]
    checks = [check for check in checks if check.rows]
    assert len(checks) >= 1
    assert set(rows["example_count"]) == {sum(len(check.rows) for check in checks)}
    for signal_id, s in real_text.scores(checks, tuple(SIGNAL_IDS)).items():
        assert tuple(rows.loc[signal_id, ["true_positive_count", "false_positive_count",
                                          "false_negative_count"]]) == \
            (s.true_positive_count, s.false_positive_count, s.false_negative_count), signal_id


def test_record_check_needs_its_texts_and_the_shipped_tagger(tmp_path):
    path = write_check(tmp_path)
    for extra, message in (([], "--record-check needs --texts FILE"),
                           (["--texts", str(write_texts(tmp_path)), "--rules-only"],
                            "--record-check records the shipped tagger")):
        result = subprocess.run([sys.executable, "-m", "pipeline", "tag", "--record-check",
                                 str(path), *extra], capture_output=True, text=True)
        assert result.returncode == 2 and message in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def write_pages(directory, *pages):
    path = directory / "pages.jsonl"
    path.write_text("".join(json.dumps({"url": url, "text": text}) + "\n" for url, text in pages),
                    encoding="utf-8")
    return path


def test_lost_texts_are_found_again_in_their_pages_by_length_and_digest(tmp_path, matcher):
    check = real_text.read_check(write_check(tmp_path), SIGNAL_IDS)
    page = f"Item 4. Public questions\n{TEXTS['x-1']}\nItem 5. Any other business"
    other_page = f"Estates. {TEXTS['x-2']} Then the budget."
    pages = write_pages(tmp_path, ("http://example.org/x-1/", page),  # scheme and slash differ
                        ("https://example.org/elsewhere", other_page))  # not x-2's page
    texts = tmp_path / "found.jsonl"
    assert real_text.find_excerpts([check], pages, texts) == (1, 1)
    assert [json.loads(line) for line in texts.read_text(encoding="utf-8").splitlines()] == \
        [{"excerpt_id": "x-1", "text": TEXTS["x-1"]}]
    pages = write_pages(tmp_path, ("https://www.example.org/x-2", other_page),
                        ("https://example.org/x-1", page.replace("each Board", "each  Board")))
    assert real_text.find_excerpts([check], pages, texts) == (1, 0)
    found = [json.loads(line) for line in texts.read_text(encoding="utf-8").splitlines()]
    assert found == [{"excerpt_id": "x-1", "text": TEXTS["x-1"]},
                     {"excerpt_id": "x-2", "text": TEXTS["x-2"]}]
    assert real_text.record_check(check, texts, matcher) == (2, 1)  # the check's own texts
    before = texts.read_bytes()
    assert real_text.find_excerpts([check], pages, texts) == (0, 0)
    assert texts.read_bytes() == before


def test_a_pages_line_that_is_not_a_page_is_named_with_its_line(tmp_path):
    check = real_text.read_check(write_check(tmp_path), SIGNAL_IDS)
    pages = tmp_path / "pages.jsonl"
    pages.write_text(json.dumps({"url": "https://example.org/x-1", "text": "x"}) + "\n"
                     + json.dumps({"url": "https://example.org/x-2", "excerpt": "x"}) + "\n",
                     encoding="utf-8")
    with pytest.raises(ValueError, match=r'pages\.jsonl:2: expected an object with string "url" '
                                         r'and "text"'):
        real_text.find_excerpts([check], pages, tmp_path / "found.jsonl")
    assert not (tmp_path / "found.jsonl").exists()


def test_find_excerpts_needs_a_texts_file(tmp_path):
    pages = write_pages(tmp_path, ("https://example.org/x-1", TEXTS["x-1"]))
    result = subprocess.run([sys.executable, "-m", "pipeline", "tag", "--find-excerpts",
                             str(pages)], capture_output=True, text=True)
    assert result.returncode == 2 and "--find-excerpts needs --texts FILE" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    result = subprocess.run([sys.executable, "-m", "pipeline", "tag", "--find-excerpts",
                             str(pages), "--texts", str(tmp_path / "found.jsonl")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "0 excerpts added" in result.stdout and "excerpts still without a text" in result.stdout


def test_record_check_allow_missing_says_how_many_keep_their_tagger(tmp_path):
    path = write_check(tmp_path, version="5-old")
    texts = write_texts(tmp_path, {"x-2": TEXTS["x-2"]})
    command = [sys.executable, "-m", "pipeline", "tag", "--record-check", str(path), "--texts",
               str(texts)]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 2 and "--allow-missing records the others" in result.stderr
    result = subprocess.run([*command, "--allow-missing"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "recorded 1 of 2 excerpts, 0 with other tags than before; 1 without a text keep " \
           "their earlier tagger's tags" in result.stdout
    versions = [row["tagged_after_version"] for row in csv.DictReader(path.open(encoding="utf-8"))]
    assert versions[0] == "5-old" and versions[1] != "5-old"


@pytest.mark.parametrize(("arguments", "message"), [
    (["--allow-missing"], "--allow-missing goes with --record-check CHECK"),
    (["--texts", "texts.jsonl"], "--texts goes with --record-check CHECK, --find-excerpts"),
])
def test_check_options_without_their_command_are_refused(arguments, message):
    result = subprocess.run([sys.executable, "-m", "pipeline", "tag", "--jsonl", "-", *arguments],
                            capture_output=True, text=True, input="")
    assert result.returncode == 2 and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_tagged_now_tags_the_excerpts_with_a_text_and_writes_nothing(tmp_path, matcher):
    path = write_check(tmp_path, tagged_after="patient_story")
    before = path.read_bytes()
    check = real_text.read_check(path, SIGNAL_IDS)
    now, changed = real_text.tagged_now(check, write_texts(tmp_path, {"x-1": TEXTS["x-1"]}),
                                        matcher)
    assert [(row["excerpt_id"], row["tagged_after"], row["tagged_after_version"])
            for row in now.rows] == [("x-1", "public_questions", matcher.version)]
    assert changed == 1  # recorded as patient_story
    assert path.read_bytes() == before
    assert [row["tagged_after"] for row in check.rows] == ["patient_story", ""]
    with pytest.raises(ValueError, match="the text of excerpt x-2 is not the one"):
        real_text.tagged_now(check, write_texts(tmp_path, {"x-2": "Another text."}), matcher)


def test_score_checks_scores_each_half_from_the_texts_it_is_given(tmp_path):
    paths = real_text.check_paths()
    before = [path.read_bytes() for path in paths]
    row = real_text.read_check(paths[0], SIGNAL_IDS).rows[0]
    command = [sys.executable, "-m", "pipeline", "tag", "--score-checks", "both", "--texts"]
    empty = tmp_path / "none.jsonl"
    empty.write_text("", encoding="utf-8")
    result = subprocess.run([*command, str(empty)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("tagger ") and "nothing written" in lines[0]
    halves = {line.split()[0]: line.split() for line in lines[2:]}
    assert set(halves) == {"look", "frozen"}
    rows = [row for path in paths for row in real_text.read_check(path, SIGNAL_IDS).rows]
    for half, cells in halves.items():
        assert cells[1:5] == [str(sum(r["half"] == half for r in rows)), "0", "–", "–"]
    wrong = write_texts(tmp_path, {row["excerpt_id"]: "Not the excerpt."})
    result = subprocess.run([*command, str(wrong)], capture_output=True, text=True)
    assert result.returncode == 2
    assert f"the text of excerpt {row['excerpt_id']} is not the one" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    result = subprocess.run(command[:-1], capture_output=True, text=True)
    assert result.returncode == 2 and "--score-checks needs --texts FILE" in result.stderr
    assert [path.read_bytes() for path in paths] == before
