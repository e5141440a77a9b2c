"""Score a crawl's manifest against expected documents (the demo web's ground truth, or a
fixture's): recall and precision of the papers kept, and on the documents matched, how often the
meeting date, the committee and the document type are right.

Expected rows: ``url``, ``committee_name``, ``is_board``, ``meeting_date``, ``document_type`` and
``is_paper`` ("false" for documents the crawler must skip), plus optional ``is_reachable``,
``awkward_reason`` and a grouping column (``family``). A manifest row is *kept* when the crawler
decided it is a paper (no ``skip_reason``), robots.txt allowed it and it was not a dead link.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

BOARD = "integrated care board"


def committee_key(name: str, is_board) -> str:
    """What two committee names are compared by: the board as one name, others lower-cased
    without a leading "The", "NHS" or "ICB"."""
    if str(is_board).lower() == "true" or (name or "").lower() == BOARD:
        return BOARD
    name = re.sub(r"^((the|nhs|icb)\s+)+", "", (name or "").lower())
    return " ".join(name.replace("&", "and").split())


@dataclass
class Score:
    expected_count: int = 0
    kept_count: int = 0
    matched_count: int = 0
    date_right_count: int = 0
    committee_right_count: int = 0
    type_right_count: int = 0

    def ratio(self, part: int, whole: int) -> float:
        return part / whole if whole else 1.0

    @property
    def recall(self) -> float:
        return self.ratio(self.matched_count, self.expected_count)

    @property
    def precision(self) -> float:
        return self.ratio(self.matched_count, self.kept_count)

    @property
    def date(self) -> float:
        return self.ratio(self.date_right_count, self.matched_count)

    @property
    def committee(self) -> float:
        return self.ratio(self.committee_right_count, self.matched_count)

    @property
    def type(self) -> float:
        return self.ratio(self.type_right_count, self.matched_count)

    def line(self) -> str:
        return (f"recall {self.recall:.3f} precision {self.precision:.3f} date {self.date:.3f} "
                f"committee {self.committee:.3f} type {self.type:.3f} "
                f"(expected {self.expected_count}, kept {self.kept_count}, "
                f"matched {self.matched_count})")


def is_kept(entry: dict) -> bool:
    """The crawler took it for a paper and the site let it be fetched (robots.txt allowed it and
    it exists: a dead link makes no document)."""
    error = entry.get("error") or ""
    return not entry.get("skip_reason") and not error.startswith("disallowed by robots.txt") \
        and not re.match(r"HTTP 4\d\d ", error)


def score(expected: list[dict], manifest: dict[str, dict], group_by: str | None = None,
          mismatches: list | None = None) -> dict[str, Score]:
    """Scores per group (and ``"all"``); ``mismatches`` collects (field, expected, found)."""
    scores: dict[str, Score] = defaultdict(Score)
    group_of = {}
    for row in expected:
        group = row.get(group_by, "") if group_by else "all"
        group_of[row["url"]] = group
        if row.get("is_paper", "true") != "true" or row.get("is_reachable", "true") != "true":
            continue
        for key in {group, "all"}:
            scores[key].expected_count += 1
        entry = manifest.get(row["url"])
        if not entry or not is_kept(entry):
            if mismatches is not None:
                mismatches.append(("missed", row["url"], entry and entry.get("skip_reason")))
            continue
        checks = {
            "date": (entry.get("meeting_date") or "") == row["meeting_date"],
            "committee": committee_key(entry.get("committee_name"), entry.get("is_board"))
            == committee_key(row["committee_name"], row["is_board"]),
            "type": entry.get("document_type") == row["document_type"],
        }
        for key in {group, "all"}:
            scores[key].matched_count += 1
            scores[key].date_right_count += checks["date"]
            scores[key].committee_right_count += checks["committee"]
            scores[key].type_right_count += checks["type"]
        if mismatches is not None:
            found = {"date": entry.get("meeting_date"), "committee": entry.get("committee_name"),
                     "type": entry.get("document_type")}
            expect = {"date": row["meeting_date"], "committee": row["committee_name"],
                      "type": row["document_type"]}
            mismatches += [(name, row["url"], expect[name], found[name])
                           for name, ok in checks.items() if not ok]
    for url, entry in manifest.items():
        if not is_kept(entry):
            continue
        group = group_of.get(url)
        if group is None and mismatches is not None:
            mismatches.append(("unexpected", url, entry.get("title")))
        for key in {group or "unexpected", "all"}:
            scores[key].kept_count += 1
    return dict(scores)
