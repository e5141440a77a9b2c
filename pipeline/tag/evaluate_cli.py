"""``tag --evaluate``: print per-signal precision and recall by split and write the accuracy files."""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import UserError
from pipeline.tag import model as tagger_model
from pipeline.tag import real_text
from pipeline.tag.evaluate import (
    ACCURACY_PATH,
    BLIND_SPLIT_PATH,
    DEVSET_DIR,
    SPLITS,
    Score,
    accuracy_rows,
    found_signals,
    micro_f1,
    pooled,
    read_devset,
    score,
    tally,
    train_model,
    wilson,
    write_accuracy,
    write_blind_split,
)
from pipeline.tag.matcher import Matcher


def _interval(successes: int, trials: int) -> str:
    interval = wilson(successes, trials)
    if interval is None:
        return "   –  (nothing)   "
    return f"{successes / trials:.2f} [{interval[0]:.2f}–{interval[1]:.2f}]"


def _print_table(scores: dict[str, Score]) -> None:
    print(f"  {'signal':26} {'precision [95% CI]':20} {'recall [95% CI]':20} tp fp fn")
    for s in scores.values():
        tp, fp, fn = s.true_positive_count, s.false_positive_count, s.false_negative_count
        print(f"  {s.signal_id:26} {_interval(tp, tp + fp):20} {_interval(tp, tp + fn):20} "
              f"{tp} {fp} {fn}")


def _errors(matcher: Matcher, examples) -> None:
    for example in examples:
        found = found_signals(matcher, example)
        extra, missed = sorted(found - example.signals), sorted(example.signals - found)
        if extra or missed:
            text = " ".join(example.text.split())
            print(f"{example.example_id} ({example.where}) +{extra} -{missed}: {text[:300]}")


def evaluate_command(matcher: Matcher, devset: Path | None, split: str, show_errors: bool,
                     write_files: bool) -> int:
    signal_ids = set(matcher.signal_set.ids())
    try:
        examples = read_devset(devset or DEVSET_DIR, signal_ids)
    except (OSError, ValueError) as error:
        raise UserError(str(error)) from None
    splits = SPLITS if split == "both" else (split,)
    by_split = {name: [e for e in examples if e.split == name] for name in splits}
    tallies = {name: tally(matcher, rows) for name, rows in by_split.items()}
    scores = {name: tallied[0] for name, tallied in tallies.items()}
    rules = Matcher(matcher.signal_set) if matcher.model is not None else None  # for comparison
    for name, rows in by_split.items():
        _, fired, negatives = tallies[name]
        print(f"{name} split: {len(rows)} examples from {len({e.source_url for e in rows})} "
              f"sources; micro-F1 {micro_f1(scores[name]):.3f}; hard negatives tagged "
              f"{fired} of {negatives}")
        print(f"  from the text alone (as tag --jsonl reads an excerpt, without its document's "
              f"committee): micro-F1 {micro_f1(score(matcher, rows, text_only=True)):.3f}")
        if rules is not None:
            rule_scores, rules_fired, _ = tally(rules, rows)
            print(f"  the rules alone, without the model: micro-F1 "
                  f"{micro_f1(rule_scores):.3f}; hard negatives tagged "
                  f"{rules_fired} of {negatives}")
        _print_table(scores[name])
    counts = {name: len(rows) for name, rows in by_split.items()}
    if split == "both":
        checks = current_checks(matcher, real_text.check_paths())
        if checks:
            scores["real_text"] = real_text.scores(checks, matcher.signal_set.ids())
            counts["real_text"] = sum(len(check.rows) for check in checks)
            fired, negatives = real_text.negatives_tagged(checks)
            print(f"real-text checks: {counts['real_text']} excerpts recorded by this tagger "
                  f"in {len(checks)} files; "
                  f"micro-F1 {micro_f1(scores['real_text']):.3f}; hard negatives tagged {fired} "
                  f"of {negatives} (the scores' intervals use these figures)")
    if show_errors and "dev" in by_split:
        _errors(matcher, by_split["dev"])
    if write_files:
        rows = accuracy_rows(scores, counts, matcher.version)
        write_accuracy(rows, ACCURACY_PATH)
        count = write_blind_split(examples, BLIND_SPLIT_PATH)
        print(f"wrote {ACCURACY_PATH} and {BLIND_SPLIT_PATH} ({count} blind sources)")
    return 0


def current_checks(matcher: Matcher, paths: list[Path]) -> list[real_text.Check]:
    """The excerpts of the real-text checks in ``paths`` that this tagger recorded, a check per
    file that has any; excerpts another tagger recorded are named by file, with how to bring them
    up to date."""
    current = []
    for path in paths:
        try:
            check = real_text.read_check(path, set(matcher.signal_set.ids()))
        except (OSError, ValueError) as error:
            raise UserError(str(error)) from None
        mine = real_text.recorded_by(check, matcher.version)
        if mine.rows:
            current.append(mine)
        stale = check.versions - {matcher.version}
        if stale:
            print(f"{path.name}: {len(check.rows) - len(mine.rows)} of {len(check.rows)} excerpts "
                  f"left out: their tagged_after is tagger {', '.join(sorted(stale))}, not "
                  f"{matcher.version}; re-record them with `tag --record-check {path} --texts "
                  f"FILE`")
    return current


def train_command(signal_set, devset: Path | None) -> int:
    try:
        examples = read_devset(devset or DEVSET_DIR, set(signal_set.ids()))
    except (OSError, ValueError) as error:
        raise UserError(str(error)) from None
    model = train_model(examples, signal_set.ids())
    tagger_model.save(model)
    print(f"wrote {tagger_model.MODEL_PATH}: {len(model.vocabulary)} features, trained on "
          f"{model.trained_on}")
    return 0


def cross_validate_command(signal_set, devset: Path | None, folds: int,
                           positive_weight: float | None) -> int:
    from pipeline.tag.cross_validate import cross_validate

    weight = tagger_model.POSITIVE_WEIGHT if positive_weight is None else positive_weight
    try:
        examples = read_devset(devset or DEVSET_DIR, set(signal_set.ids()))
        scores, fired, negatives = cross_validate(signal_set, examples, folds, weight)
    except (OSError, ValueError) as error:
        raise UserError(str(error)) from None
    total = pooled(scores)
    tp, fp, fn = total.true_positive_count, total.false_positive_count, total.false_negative_count
    dev_count = sum(example.split == "dev" for example in examples)
    print(f"dev split out of fold ({folds} folds by source URL, positive weight {weight:g}): "
          f"{dev_count} examples; micro-F1 {micro_f1(scores):.4f} (precision "
          f"{tp / max(tp + fp, 1):.3f}, recall {tp / max(tp + fn, 1):.3f}); hard negatives "
          f"tagged {fired} of {negatives}")
    _print_table(scores)
    return 0
