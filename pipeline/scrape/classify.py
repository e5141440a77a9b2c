"""What a linked document is: its type, its committee, and whether it belongs to the board.

Rules are tables (first match wins) over the link's context: link text, table row or list item,
nearest heading, page heading, the link that led to the page, and the URL.
"""

from __future__ import annotations

import re

DOCUMENT_TYPE_RULES: list[tuple[str, re.Pattern]] = [
    (name, re.compile(pattern, re.I)) for name, pattern in [
        ("board_pack", r"full\s+pack|board\s+pack|meeting\s+pack|papers\s*\(full"),
        ("terms_of_reference", r"terms\s+of\s+reference|\btor\b"),
        ("constitution", r"\bconstitution\b"),
        ("annual_report", r"annual\s+report"),
        ("involvement_strategy", r"(people\s+and\s+communities|engagement|involvement|"
                                 r"participation)\s+(strategy|framework|policy)|"
                                 r"working\s+with\s+people\s+and\s+communities"),
        ("engagement_report", r"engagement\s+report|involvement\s+report|you\s+said,?\s+we\s+did"),
        ("agenda", r"\bagenda\b"),
        ("minutes", r"\bminutes\b"),
        ("papers", r"\bpapers?\b|\breport\b"),
    ]
]
COMMITTEE = re.compile(
    r"\b((?:[A-Z][A-Za-z&,'-]*\s+(?:(?:and|of|&)\s+)?){1,6}"
    r"(?:Committee|Sub-Committee|Group|Panel|Forum))\b")
BOARD = re.compile(r"\b(integrated\s+care\s+board|icb\s+board|board\s+meeting|"
                   r"board\s+papers|board\s+of\s+members|governing\s+body|the\s+board)\b", re.I)
BOARD_NAME = "Integrated Care Board"


def document_type(texts: list[str], url: str, committee_name: str) -> str:
    """The document type (vocabulary in docs/architecture.md) from the link context."""
    for text in [*texts[:2], url.rsplit("/", 1)[-1].replace("-", " ").replace("_", " ")]:
        for name, pattern in DOCUMENT_TYPE_RULES:
            if pattern.search(text or ""):
                if name == "papers" and committee_name != BOARD_NAME:
                    return "committee_papers"
                return name
    return "committee_papers" if committee_name != BOARD_NAME else "other"


def committee(texts: list[str], url: str) -> tuple[str, bool]:
    """(committee name, is_board): the first committee named in the context, else the board."""
    for text in texts:
        if not text:
            continue
        match = COMMITTEE.search(text)
        if match:
            name = re.sub(r"^(?:The|Our|Minutes|Agenda|Papers|of|for|and)\s+", "",
                          match.group(1).strip())
            return name, False
        if BOARD.search(text):
            return BOARD_NAME, True
    slug = url.lower()
    for word, name in (("quality", "Quality Committee"), ("audit", "Audit Committee"),
                       ("primary-care", "Primary Care Commissioning Committee")):
        if word in slug and "board" not in slug:
            return name, False
    return BOARD_NAME, True
