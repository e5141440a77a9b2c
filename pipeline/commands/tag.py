"""``tag``: find patient and public involvement signals, with verbatim evidence."""

from __future__ import annotations

import sys
from pathlib import Path

from pipeline.cli import add_dataset_argument, resolve_dataset
from pipeline.errors import UserError
from pipeline.paths import processed_dir, raw_dir

HELP = "tag the 12 involvement signals in extracted pages (or in JSON lines with --jsonl)"
DESCRIPTION = """\
Match the signal definitions in pipeline/signals.toml against every extracted page and write one
row per evidence passage (document, page, character offsets, quote, rule, confidence) to
data/processed/<dataset>/tag/evidence.parquet. Running headers and footers (lines repeated across
a document's pages) are blanked first; the scrape manifest's committee for each document tells the
roster reader whose seat a roster lists.

With --jsonl FILE (or - for standard input) it tags JSON lines {"id": ..., "text": ...} instead
(an optional "committee_name" names the document's body for the roster reader) and writes one
JSON line per input: {"id", "signals": [...], "evidence": [{"signal", "quote",
"start", "end", "rule"}]}. A malformed line is reported by line number; the rest are still tagged.

With --evaluate it scores the tagger against the labelled examples in data/evaluation/devset/
(or --devset DIR): per signal and split, precision and recall with 95% Wilson intervals, micro-F1
and how many hard negatives fired. Scoring both splits rewrites data/evaluation/tagger_accuracy.csv
and data/evaluation/blind_split.txt. The blind split is only for scoring: never tune rules on it
(--split dev scores the dev split alone and writes nothing; --show-errors lists dev misses only).

With --record-check CHECK --texts FILE it re-records a real-text check
(data/evaluation/real_text_check_*.csv): it tags each excerpt's text from FILE (JSON lines
{"excerpt_id", "text"}, kept outside the repository: they are other people's words), refusing a
text whose length or digest is not the check's, and rewrites the check's tagged_after and
tagged_after_version (--allow-missing: of the excerpts FILE has a text for; the others keep
the tagger that recorded them). --evaluate pools the excerpts that the current tagger recorded
into the real_text rows of tagger_accuracy.csv, which the scores' intervals then use. Whoever
has lost the texts finds them again with --find-excerpts PAGES --texts FILE: PAGES holds page
texts as JSON lines {"url", "text"} (as the corpus the excerpts were copied from stores each
page), and every check's excerpt that is a substring of its page's text, with the row's length
and digest, is added to FILE. --score-checks HALF --texts FILE scores the tagger as it now
stands on the excerpts FILE has a text for, per half of the checks (look: the halves whose errors
may be read while the tagger is changed; frozen: the halves a change is scored on once, after it
is chosen on the dev split and the look halves), writing nothing.

Beside the rules, a small model (data/evaluation/tagger_model.json, trained from the dev split by
--train-model) drops a rule's tag it finds very unlikely and adds one the rules missed when it is
confident; such a tag's rule reads model[words], the words that weighed most. --rules-only tags
without it. --cross-validate scores the rules and model on the dev split out of fold (--folds
N, by source URL), each fold tagged by a model trained on the others, as the model's settings
are chosen; --positive-weight W trains those models with another weight of a labelled example.

examples:
  python -m pipeline tag
  python -m pipeline tag --evaluate --split dev --show-errors
  python -m pipeline tag --cross-validate --positive-weight 2
  python -m pipeline tag --record-check CHECK.csv --texts CHECK_TEXTS.jsonl
  python -m pipeline tag --find-excerpts PAGES.jsonl --texts CHECK_TEXTS.jsonl
  python -m pipeline tag --score-checks look --texts CHECK_TEXTS.jsonl
  echo '{"id": 1, "text": "The Board heard a patient story."}' | python -m pipeline tag --jsonl -
"""


def add_arguments(parser) -> None:
    add_dataset_argument(parser)
    parser.add_argument("--jsonl", metavar="FILE", help="tag JSON lines from FILE (- for stdin)")
    parser.add_argument("--signals", metavar="TOML", type=Path,
                        help="signal definitions (default: pipeline/signals.toml)")
    parser.add_argument("--evaluate", action="store_true",
                        help="score the tagger on the labelled examples (see above)")
    parser.add_argument("--devset", metavar="DIR", type=Path, action="append",
                        help="with --evaluate: a directory of devset *.jsonl files; repeat to "
                        "read several (default: data/evaluation/devset)")
    parser.add_argument("--split", choices=("dev", "blind", "both"), default="both",
                        help="with --evaluate: which split to score (default both, which also "
                        "writes tagger_accuracy.csv)")
    parser.add_argument("--show-errors", action="store_true",
                        help="with --evaluate: list the dev split's false positives and negatives")
    parser.add_argument("--record-check", metavar="CSV", type=Path,
                        help="re-record a real-text check's tagged_after from --texts (see above)")
    parser.add_argument("--allow-missing", action="store_true",
                        help="with --record-check: record the excerpts that have a text; the "
                        "others keep the tagger that recorded them")
    parser.add_argument("--find-excerpts", metavar="PAGES", type=Path,
                        help='add to --texts the checks\' excerpts found in PAGES (JSON lines '
                        '{"url", "text"}; see above)')
    parser.add_argument("--score-checks", metavar="HALF", choices=("look", "frozen", "both"),
                        help="score the tagger as it stands on the real-text checks' excerpts "
                        "that --texts holds, in their look or frozen halves, or both (writes "
                        "nothing; see above)")
    parser.add_argument("--texts", metavar="FILE", type=Path,
                        help="with --record-check, --find-excerpts or --score-checks: the "
                        'checks\' texts, JSON lines {"excerpt_id", "text"}')
    parser.add_argument("--rules-only", action="store_true",
                        help="tag or evaluate with the rules alone, without the model's second "
                        "opinion")
    parser.add_argument("--cross-validate", action="store_true",
                        help="score the rules and model on the dev split out of fold, each fold "
                        "tagged by a model trained on the others (about two minutes; see above)")
    parser.add_argument("--folds", metavar="N", type=int,
                        help="with --cross-validate: how many folds (default 5)")
    parser.add_argument("--positive-weight", metavar="W", type=float,
                        help="with --cross-validate: train with this weight of a labelled "
                        "example instead of the shipped one, to compare")
    parser.add_argument("--train-model", action="store_true",
                        help="retrain the model from the dev split and write "
                        "data/evaluation/tagger_model.json (under half a minute)")


def run(args) -> int:
    from pipeline.signals import SIGNALS_PATH, load_signals
    from pipeline.tag.run import tag_dataset, tag_jsonl

    if args.allow_missing and not args.record_check:
        raise UserError("--allow-missing goes with --record-check CHECK")
    if args.texts and not (args.record_check or args.find_excerpts or args.score_checks):
        raise UserError("--texts goes with --record-check CHECK, --find-excerpts PAGES or "
                        "--score-checks HALF")
    signals_path = args.signals or SIGNALS_PATH
    try:
        signal_set = load_signals(signals_path)
    except (OSError, ValueError) as error:
        raise UserError(str(error)) from None
    if (args.folds is not None or args.positive_weight is not None) and not args.cross_validate:
        raise UserError("--folds and --positive-weight go with --cross-validate")
    if args.positive_weight is not None and not args.positive_weight > 0:
        raise UserError(f"--positive-weight {args.positive_weight:g}: must be above 0")
    if args.cross_validate:
        from pipeline.tag.evaluate_cli import cross_validate_command

        return cross_validate_command(signal_set, args.devset,
                                      5 if args.folds is None else args.folds, args.positive_weight)
    if args.train_model:
        from pipeline.tag.evaluate_cli import train_command

        return train_command(signal_set, args.devset)
    if args.record_check:
        return _record_check(signal_set, args)
    if args.find_excerpts:
        return _find_excerpts(signal_set, args)
    if args.score_checks:
        return _score_checks(signal_set, args)
    if args.evaluate:
        from pipeline.tag.evaluate_cli import evaluate_command

        return evaluate_command(_matcher(signal_set, args), args.devset, args.split, args.show_errors,
                                write_files=args.split == "both" and args.signals is None
                                and not args.rules_only)
    if args.jsonl:
        try:
            handle = sys.stdin if args.jsonl == "-" else open(args.jsonl, encoding="utf-8")
        except OSError as error:
            raise UserError(f"--jsonl: {error}") from None
        with handle:
            bad = tag_jsonl(handle, _matcher(signal_set, args), print,
                            lambda message: print(f"{args.jsonl}: {message}", file=sys.stderr))
        return 1 if bad else 0
    dataset = resolve_dataset(args)
    try:
        counts = tag_dataset(processed_dir(dataset) / "extract", processed_dir(dataset) / "tag",
                             signals_path, raw_dir(dataset) / "manifest.jsonl",
                             use_model=not args.rules_only)
    except (FileNotFoundError, ValueError) as error:  # ValueError: a row breaks its contract
        raise UserError(str(error)) from None
    state = "up to date" if counts["skipped"] else "tagged"
    print(f"{dataset}: {state}; {counts['evidence']} evidence passages")
    return 0


def _record_check(signal_set, args) -> int:
    """``--record-check``: the shipped tagger only, so the check's version is the one the
    accuracy file is scored with."""
    from pipeline.tag.real_text import read_check, record_check

    if args.texts is None:
        raise UserError("--record-check needs --texts FILE (the check's excerpts as JSON lines)")
    if args.rules_only or args.signals is not None:
        raise UserError("--record-check records the shipped tagger: drop --rules-only and --signals")
    try:
        check = read_check(args.record_check, set(signal_set.ids()))
        recorded, changed = record_check(check, args.texts, _matcher(signal_set, args),
                                         args.allow_missing)
    except (OSError, ValueError) as error:
        raise UserError(str(error)) from None
    kept = len(check.rows) - recorded
    print(f"{args.record_check}: recorded {recorded} of {len(check.rows)} excerpts, {changed} with "
          f"other tags than before" + (f"; {kept} without a text keep their earlier tagger's tags"
                                       if kept else ""))
    return 0


def _find_excerpts(signal_set, args) -> int:
    """``--find-excerpts``: the texts of every check's excerpts that PAGES holds."""
    from pipeline.tag.real_text import check_paths, find_excerpts, read_check

    if args.texts is None:
        raise UserError("--find-excerpts needs --texts FILE (where the found excerpts are kept)")
    try:
        checks = [read_check(path, set(signal_set.ids())) for path in check_paths()]
        added, missing = find_excerpts(checks, args.find_excerpts, args.texts)
    except (OSError, ValueError) as error:
        raise UserError(str(error)) from None
    print(f"{args.texts}: {added} excerpts added from {args.find_excerpts}; {missing} of the "
          f"checks' {sum(len(check.rows) for check in checks)} excerpts still without a text")
    return 0


def _score_checks(signal_set, args) -> int:
    """``--score-checks``: the tagger as it stands (with --rules-only or --signals too) on the
    excerpts of the chosen halves that have a text, per half; nothing is written."""
    from pipeline.tag.evaluate import micro_f1, pooled
    from pipeline.tag.real_text import Check, check_paths, negatives_tagged, read_check, scores, tagged_now

    if args.texts is None:
        raise UserError("--score-checks needs --texts FILE (the checks' excerpts as JSON lines)")
    matcher = _matcher(signal_set, args)
    halves = ("look", "frozen") if args.score_checks == "both" else (args.score_checks,)
    print(f"tagger {matcher.version}, on the texts in {args.texts} (nothing written):")
    print(f"{'half':<8}{'excerpts':>9}{'with a text':>12}{'micro-F1':>10}{'precision':>10}"
          f"{'recall':>8}  hard negatives tagged  tagged otherwise than recorded")
    for half in halves:
        total, now, changed = 0, [], 0
        try:
            for path in check_paths():
                check = read_check(path, set(signal_set.ids()))
                check = Check(check.path, [row for row in check.rows if row["half"] == half])
                total += len(check.rows)
                tagged, differ = tagged_now(check, args.texts, matcher)
                now.append(tagged)
                changed += differ
        except (OSError, ValueError) as error:
            raise UserError(str(error)) from None
        counted = scores(now, signal_set.ids())
        everything, (fired, negatives) = pooled(counted), negatives_tagged(now)
        found = sum(len(check.rows) for check in now)
        f1 = f"{micro_f1(counted):.3f}" if found else "–"
        print(f"{half:<8}{total:>9}{found:>12}{f1:>10}"
              f"{_ratio(everything.true_positive_count, everything.false_positive_count):>10}"
              f"{_ratio(everything.true_positive_count, everything.false_negative_count):>8}"
              f"  {fired} of {negatives:<18}{changed} of {found}")
    return 0


def _ratio(hits: int, misses: int) -> str:
    return f"{hits / (hits + misses):.3f}" if hits + misses else "–"


def _matcher(signal_set, args):
    """The rules and, unless --rules-only, the model (an error names what does not fit)."""
    from pipeline.tag.matcher import Matcher
    from pipeline.tag.model import load

    if args.rules_only:
        return Matcher(signal_set)
    try:
        return Matcher(signal_set, load())
    except ValueError as error:  # not a model file, or a model for other signals
        raise UserError(f"{error}, or tag with --rules-only") from None
