"""`tag --cross-validate`: the dev split scored out of fold, folds by source URL."""

import subprocess
import sys

import pytest

from pipeline.signals import load_signals
from pipeline.tag import evaluate
from pipeline.tag.cross_validate import cross_validate, fold_of
from pipeline.tag.evaluate import Example, is_blind
from pipeline.tag.matcher import Matcher

SIGNALS = load_signals()


def _example(number: int, url: str, signals=(), text=None) -> Example:
    return Example(f"cv-{number}", frozenset(signals), text or f"Item {number}: the finance report.",
                   url, "icb", "icb", "minutes", "sentence", None, f"cv.jsonl:{number}")


def _urls(count: int, blind: bool) -> list[str]:
    return [url for url in (f"https://cv.example/{n}" for n in range(200))
            if is_blind(url) is blind][:count]


def test_a_page_is_in_one_fold_and_the_folds_share_the_pages_out():
    urls = [f"https://cv.example/{n}" for n in range(600)]
    folds = [fold_of(_example(0, url), 5) for url in urls]
    assert set(folds) == {0, 1, 2, 3, 4}
    assert all(80 < folds.count(fold) < 160 for fold in range(5))
    assert fold_of(_example(1, urls[7]), 5) == fold_of(_example(2, urls[7]), 5)
    # an example with no page is placed by its id, so the legacy set is spread over the folds
    assert len({fold_of(_example(n, ""), 5) for n in range(40)}) == 5


def test_every_dev_label_and_hard_negative_is_scored_once_and_the_blind_split_never():
    story = "The Board heard a patient story from a carer about waiting for a hospital bed."
    dev, blind = _urls(12, blind=False), _urls(4, blind=True)
    examples = ([_example(n, url, {"patient_story"}, story) for n, url in enumerate(dev[:8])]
                + [_example(20 + n, url) for n, url in enumerate(dev[8:])]
                + [_example(40 + n, url, {"patient_story"}, story) for n, url in enumerate(blind)])
    scores, fired, negatives = cross_validate(SIGNALS, examples, folds=2)
    story_score = scores["patient_story"]
    assert story_score.true_positive_count + story_score.false_negative_count == 8
    assert story_score.true_positive_count == 8  # the rules find these whatever the model says
    assert negatives == 4 and fired == 0
    assert sum(s.false_positive_count for s in scores.values()) == 0
    assert cross_validate(SIGNALS, examples, folds=2) == (scores, fired, negatives)


def test_each_example_is_tagged_once_for_its_scores_and_hard_negatives(monkeypatch):
    """Scores and hard negatives come from one tagging of each example (cross-validation and
    `--evaluate` used to tag the hard negatives a second time), with the same figures."""
    story = "The Board heard a patient story from a carer about waiting for a hospital bed."
    examples = ([_example(n, url, {"patient_story"}, story) for n, url in enumerate(_urls(3, False))]
                + [_example(10, "https://cv.example/negative", (), "The finance report was noted."),
                   _example(11, "https://cv.example/other", (), story)])
    matcher = Matcher(SIGNALS)
    tagged = []
    found = evaluate.found_signals
    monkeypatch.setattr(evaluate, "found_signals",
                        lambda m, e, **k: tagged.append(e.example_id) or found(m, e, **k))
    scores, fired, negatives = evaluate.tally(matcher, examples)
    assert sorted(tagged) == sorted(e.example_id for e in examples)
    assert (fired, negatives) == (1, 2)
    assert scores == evaluate.score(matcher, examples)
    assert (fired, negatives) == evaluate.hard_negatives_fired(matcher, examples)
    assert scores["patient_story"].false_positive_count == 1


def test_too_few_folds_or_an_empty_fold_is_named():
    examples = [_example(n, url) for n, url in enumerate(_urls(3, blind=False))]
    with pytest.raises(ValueError, match=r"--folds 1: needs at least 2 folds"):
        cross_validate(SIGNALS, examples, folds=1)
    with pytest.raises(ValueError, match=r"--folds 40: fold \d+ of the dev split's 3 examples is empty"):
        cross_validate(SIGNALS, examples, folds=40)


@pytest.mark.parametrize("arguments, message", [
    (["--folds", "3"], "--folds and --positive-weight go with --cross-validate"),
    (["--positive-weight", "2"], "--folds and --positive-weight go with --cross-validate"),
    (["--cross-validate", "--positive-weight", "0"], "--positive-weight 0: must be above 0"),
])
def test_cli_refuses_options_without_their_command(arguments, message):
    result = subprocess.run([sys.executable, "-m", "pipeline", "tag", *arguments],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
