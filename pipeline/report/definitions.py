"""The signal definitions as the method page shows them, with how much of each a person has
reviewed (the marks in ``pipeline/signals.toml``)."""

from __future__ import annotations

from html import escape

from pipeline.report.html import fmt_date
from pipeline.signals import Signal, load_signals


def signal_definitions() -> tuple[Signal, ...]:
    """The twelve signals, loaded and checked."""
    return load_signals().signals


def review_cell(signal: Signal) -> str:
    """When the definition was last reviewed, and how many of its rules and exclusions are as
    reviewed then."""
    return (f"Definition {fmt_date(signal.review_date)}; as then: {signal.reviewed_rule_count()} of "
            f"{len(signal.rules)} rules, {signal.reviewed_exclusion_count()} of "
            f"{len(signal.exclusions)} exclusions")


def review_paragraph(signals: tuple[Signal, ...]) -> str:
    """What a person has reviewed, in all, as an HTML paragraph."""
    rule_count = sum(len(s.rules) for s in signals)
    exclusion_count = sum(len(s.exclusions) for s in signals)
    dates = " and ".join(fmt_date(iso) for iso in sorted({s.review_date for s in signals}))
    return (
        f"<p><b>What a person has reviewed.</b> The definitions' wording was last reviewed by a "
        f"person on {escape(dates)}. Of the {rule_count} patterns (rules) and {exclusion_count} "
        f"exclusions that read them, {sum(s.reviewed_rule_count() for s in signals)} rules and "
        f"{sum(s.reviewed_exclusion_count() for s in signals)} exclusions are as reviewed then. "
        f"The rest, the roster reader, the negation cues and the statistical model were added or "
        f"changed since by the project: each change is measured on passages and real text it was "
        f"not made from (below) and listed in docs/signals_changelog.md, but none has yet been "
        f"reviewed by a person.</p>")
