"""What a linked document is: its type, its committee, whether it belongs to the board, and whether
it is a paper at all.

Type rules are a table (first match wins). Committee names are phrases ending in a body word
(Committee, Sub-Committee, Group, Panel, Forum, Board, Partnership, …); a "Board" is the ICB's own
board only when nothing but the ICB's name qualifies it ("NHS Sussex Board", "Public Board"), so a
"… Partnership Board" is a body of its own. What kind of meeting it is (Extraordinary, Special,
Annual General, Public, Private, Part A/B, Reconvened, Adjourned) is never part of a body's name.
Not-a-paper rules are data (``not_papers.toml``); a rule may apply only to documents nothing dates
to a meeting (a policy in a document library is not a paper; one on a meeting's agenda is).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipeline.scrape.links import file_name_text
from pipeline.scrape.memo import per_run

NOT_PAPERS_PATH = Path(__file__).with_name("not_papers.toml")
NOT_PAPER_KEYS = {"id", "reason", "pattern", "undated_only"}
BOARD_NAME = "Integrated Care Board"

DOCUMENT_TYPE_RULES: list[tuple[str, re.Pattern]] = [
    (name, re.compile(pattern, re.I)) for name, pattern in [
        ("board_pack", r"full\s+pack|board\s+pack|meeting\s+pack|papers\s*\(full|"
                       r"(?:agenda|public|supplementary)?\s*reports?\s+pack|agenda\s+pack|"
                       r"full\s+(?:set\s+of\s+)?papers|combined\s+(?:papers|pack)|bundle|"
                       r"agenda\s+(?:and|&)\s+(?:\w+\s+)?papers|papers\s+(?:and|&)\s+agenda|"
                       r"(?:supplementary|papers|public|part\s+[1a-z])\s+pack"),
        ("terms_of_reference", r"terms\s+of\s+reference|\btor\b"),
        ("constitution", r"\bconstitution\b"),
        ("annual_report", r"annual\s+report"),
        # a strategy is named as one; a report on it to a meeting ("Working with people and
        # communities report", "Engagement strategy update") is one of the meeting's papers
        ("involvement_strategy", r"(?:(?:people\s+and\s+communities|engagement|involvement|"
                                 r"participation)\s+(?:strategy|framework|policy)|"
                                 r"working\s+with\s+people\s+and\s+communities)\b"
                                 r"(?!\s*[:,–-]?\s*(?:\w+\s+){0,2}(?:reports?|updates?|"
                                 r"progress|briefing|presentation|appendix)\b)"),
        ("engagement_report", r"engagement\s+report|involvement\s+report|you\s+said,?\s+we\s+did"),
        ("minutes", r"^\s*(?:draft\s+|approved\s+|unconfirmed\s+|confirmed\s+|printed\s+)?minutes\b"),
        ("agenda", r"\bagenda\b"),
        ("minutes", r"\bminutes\b|\bmeeting\s+notes\b|\bnotes\s+of\s+(?:the\s+)?meeting\b"),
        ("papers", r"\bpapers?\b|\breports?\b|\bitem\s+\d|\bpresentation\b|\bappendix\b|"
                   r"\bbriefing\b|\bupdate\b"),
    ]
]
_BODY_WORDS = (r"[Cc]ommittee|[Ss]ub-[Cc]ommittee|[Ss]ubcommittee|[Ss]ub\s+[Cc]ommittee|[Gg]roup|"
               r"[Pp]anel|[Ff]orum|Board|[Pp]artnership|[Aa]ssembly|Council|[Nn]etwork|Alliance|"
               r"[Cc]ollaborative|Cabinet|Commission")
COMMITTEE = re.compile(
    r"((?:\b[A-Z0-9][\w&,'’()-]*\s+(?:(?:and|of|&|for|in|the|on)\s+)*){0,8}"
    rf"(?:{_BODY_WORDS}))(?![\w-])")
BOARD_PHRASE = re.compile(r"\b(integrated\s+care\s+board|icb\s+board|board\s+meetings?|"
                          r"board\s+papers|board\s+of\s+members|governing\s+body|the\s+board|"
                          r"board\s+in\s+public|public\s+board|board\s+agenda|board\s+minutes|"
                          r"meeting\s+of\s+the\s+board)\b", re.I)
NOT_ICB_BOARD = re.compile(r"partnership|health\s+and\s+wellbeing|safeguarding|programme|"
                           r"transformation|delivery|locality|provider|collaborative|trust|"
                           r"joint|system|clinical|executive|alliance|improvement|population|"
                           r"place|advisory|project|steering|youth|patient|partnership", re.I)
# what kind of meeting a body holds, never part of the body's name: an "Extraordinary Board
# meeting" or a "Part B" meeting of the Board is the Board's
MEETING_QUALIFIERS = (r"Extraordinary|Special(?=\s+(?:meeting|board|committee)\b)|"
                      r"Annual\s+General|Public|Private|Confidential|Reconvened|Adjourned|"
                      r"Part\s+(?:[AB12]|One|Two|I{1,2})(?![\w-])")
LEADING_NOISE = re.compile(
    r"^(?:(?:About|The|Our|Minutes|Agenda|Papers|Reports?|Meeting|Meetings|Draft|Approved|"
    r"Confirmed|Printed|Full|Pack|Item|\d+|of|for|and|to|at|in|on|by|from|the|held|"
    rf"Terms|Reference|Annual|Combined|Supplementary|Agenda\s+Pack|{MEETING_QUALIFIERS})\s+)+",
    re.I)
COUNCIL_BODIES = re.compile(r"\b(planning|licensing|cabinet|full\s+council|council\s+meeting|"
                            r"health\s+and\s+wellbeing\s+board|"
                            r"scrutiny|development\s+control|standards|pensions?|"
                            r"highways|housing|school|corporate\s+parenting|overview)\b", re.I)
ICB_MARKERS = re.compile(r"\b(icb|integrated\s+care|nhs|clinical\s+commissioning|ccg|"
                         r"primary\s+care\s+commissioning)\b", re.I)


# a document's own name that says it is all of one meeting's papers ("Papers" beside the
# meeting's agenda, "Board papers", "Public board papers 4 June 2025", "ICB Board Part A Papers",
# "Extraordinary board meeting papers", "Papers for the meeting", "All papers for this meeting",
# "Board papers (combined)"), once dates are gone
_MEETING_KIND = (r"(?:extraordinary|special|private|confidential|reconvened|adjourned|"
                 r"annual\s+general|public|in\s+public|part(?:\s+(?:one|two|[ab]|i{1,2}))?)")
WHOLE_MEETING_PAPERS = re.compile(
    rf"^(?:(?:the|main|full|all|combined|icb|nhs|integrated\s+care|in|{_MEETING_KIND})\s+)*"
    rf"(?:(?:nhs\s+(?:\w+\s+){{1,4}})?(?:board|committee)\s+(?:(?:meeting|{_MEETING_KIND})\s+)*|"
    rf"meeting\s+)?papers"
    rf"(?:\s+(?:for|of)\s+(?:the\s+|this\s+)?(?:{_MEETING_KIND}\s+)?(?:(?:board|committee)\s+)?"
    rf"meeting)?(?:\s+(?:{_MEETING_KIND}|combined))*$", re.I)
_DATE_WORDS = re.compile(
    r"\b\d+(?:\.\d+)?\s*(?:[kmg]b|bytes)\b|"
    r"\b(?:\d+(?:st|nd|rd|th)?|(?:mon|tues|wednes|thurs|fri|satur|sun)day|jan(?:uary)?|"
    r"feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|am|pm|at|on|held|v\d+|final|pdf|docx?)\b|[^\w\s]",
    re.I)


@per_run
def names_whole_meeting(text: str) -> bool:
    """Whether a document's own name (its link text, title cell or file name, not a section
    heading above many papers) says it is a meeting's whole set of papers: a pack."""
    return bool(WHOLE_MEETING_PAPERS.match(" ".join(_DATE_WORDS.sub(" ", text or "").split())))


# the ICB's own annual report is named by nothing but the organisation ("Annual report and
# accounts 2024/25", "NHS Kent and Medway annual report", "Severnlea ICB Annual Report"); an annual
# report on a subject ("Patient and public involvement annual report", "Safeguarding annual
# report", "Annual report of the Audit Committee") is a report to a meeting, one of its papers
ANNUAL_REPORT = re.compile(r"\bannual\s+reports?\b", re.I)
_ORGANISATION = re.compile(r"\b(?:nhs|icbs?|integrated\s+care|ccg|ics)\b", re.I)
_OWN_REPORT_WORDS = {"the", "our", "draft", "final", "approved", "signed", "nhs", "icb", "icbs",
                     "integrated", "care", "board", "ccg", "ics", "clinical", "commissioning",
                     "group", "and", "of", "item", "s"}
_ON_A_SUBJECT = re.compile(r"\s*(?:on|of|from|by|for)\s+(?!(?:the\s+)?(?:nhs|icb|integrated|ccg)\b)"
                           r"(?!(?:\w+\s+){1,3}(?:icb|integrated\s+care)\b)", re.I)


def is_own_annual_report(text: str) -> bool:
    """Whether an "annual report" a text names is the organisation's own, not one on a subject."""
    match = ANNUAL_REPORT.search(text or "")
    if match is None:
        return False
    before = text[:match.start()]
    if _ON_A_SUBJECT.match(text[match.end():]):
        return False
    is_named = bool(_ORGANISATION.search(before))
    for word in re.findall(r"[A-Za-z]+", _DATE_WORDS.sub(" ", before)):
        if word.lower() in _OWN_REPORT_WORDS:
            continue
        if is_named and (word[:1].isupper() or before.islower()):
            continue  # a place in the organisation's name ("NHS Kent and Medway")
        return False
    return True


@per_run
def type_of(text: str, is_board: bool) -> str | None:
    """The document type a text names, or None."""
    for name, pattern in DOCUMENT_TYPE_RULES:
        if name == "annual_report" and not is_own_annual_report(text):
            continue
        if pattern.search(text or ""):
            if name == "papers" and not is_board:
                return "committee_papers"
            if name == "board_pack" and not is_board:
                return "committee_papers"
            return name
    return None


def document_type(texts: list[str], url: str, committee_name: str) -> str:
    """The document type (vocabulary in docs/architecture.md) from the link's texts, nearest
    first, then its %-decoded file name."""
    is_board = committee_name == BOARD_NAME
    for text in [*texts[:2], file_name_text(url)]:
        if names_whole_meeting(text):
            return "board_pack" if is_board else "committee_papers"
        found = type_of(text, is_board)
        if found:
            return found
    return "other" if is_board else "committee_papers"


@dataclass(frozen=True)
class Body:
    name: str
    is_board: bool


def _place_words(icb_names: tuple[str, ...]) -> set[str]:
    words = set()
    for name in icb_names:
        words |= {w.lower() for w in re.findall(r"[A-Za-z']+", name)}
    return words - {"and", "of", "the"}


# a text that is a file name ("Primary-Care-Commissioning-Committee-Papers-2025-06-18.pdf",
# "ICB%20Board%20Papers.pdf"): its words are joined by separators or %-encoded
FILE_NAME_LIKE = re.compile(r"^\S+\.(?:pdf|docx?|odt|rtf|xlsx?|pptx?)$|^[^\s/]*[-_+][^\s/]*[-_+]"
                            r"[^\s/]*$|%[0-9a-f]{2}", re.I)


def as_words(text: str) -> str:
    """A text that is a file name as the words it is made of; any other text as it is."""
    if not text or (" " in text and "%" not in text) or "?" in text or "#" in text:
        return text
    if FILE_NAME_LIKE.search(text):
        return file_name_text(text) or text
    return text


@per_run
def body_in(text: str, icb_names: tuple[str, ...] = ()) -> Body | None:
    """The body a text names (the last complete name in it), or None."""
    text = as_words(text)
    if not text:
        return None
    matches = list(COMMITTEE.finditer(text))
    for match in matches:
        raw = match.group(1).strip(" ,-–")
        name = LEADING_NOISE.sub("", raw).strip(" ,-–")
        name = re.sub(r"^(?:\w+\s+)*?(?:of|for)\s+the\s+", "", name) if " the " in name else name
        if not name or not re.match(r"[A-Z0-9]", name):
            continue
        if name.split()[-1].lower() == "board":
            qualifiers = [w.lower() for w in re.findall(r"[A-Za-z']+", name)[:-1]
                          if w.lower() not in ("and", "of", "the", "&")]
            place = _place_words(icb_names) | {"nhs", "integrated", "care", "icb", "icbs",
                                               "public", "main", "full", "the", "our", "meeting",
                                               "cluster", "unitary", "statutory",
                                               "extraordinary", "special", "private",
                                               "confidential", "reconvened", "adjourned"}
            if not NOT_ICB_BOARD.search(name) and all(w in place for w in qualifiers):
                return Body(BOARD_NAME, True)
            if re.search(r"integrated\s+care\s+board$", name, re.I) and not \
                    NOT_ICB_BOARD.search(name):
                return Body(BOARD_NAME, True)
        if name.lower() in ("committee", "group", "panel", "forum", "sub-committee", "council"):
            continue
        return Body(name, False)
    if BOARD_PHRASE.search(text):
        return Body(BOARD_NAME, True)
    return None


def committee(texts: list[str], url: str, icb_names: tuple[str, ...] = ()) -> tuple[str, bool]:
    """(committee name, is_board): the first body named in the texts, else the board."""
    for text in texts:
        found = body_in(text, icb_names)
        if found:
            return found.name, found.is_board
    slug = url.lower()
    for word, name in (("quality", "Quality Committee"), ("audit", "Audit Committee"),
                       ("primary-care", "Primary Care Commissioning Committee")):
        if word in slug and "board" not in slug:
            return name, False
    return BOARD_NAME, True


def is_icb_body(name: str, *, shared_site: bool, extra: tuple[str, ...] = (),
                recognised: re.Pattern = ICB_MARKERS) -> bool:
    """Whether a body belongs to the ICB or its board. On a site shared with a council (a
    democracy site), a body must be one the platform recognises as the ICB's (``recognised``:
    names that say ICB, Integrated Care, NHS, …) or one the recipe names (``extra``); on the ICB's
    own site, only a council's own bodies (planning, licensing, cabinet, scrutiny, …) are someone
    else's."""
    if name == BOARD_NAME or any(name.lower() == other.lower() for other in extra):
        return True
    if shared_site:
        return bool(recognised.search(name))
    return not COUNCIL_BODIES.search(name) or bool(recognised.search(name))


@dataclass(frozen=True)
class NotPaperRule:
    rule_id: str
    reason: str
    pattern: re.Pattern
    is_undated_only: bool = False  # applies only to a document nothing dates to a meeting


@cache
def not_paper_rules(path: Path = NOT_PAPERS_PATH) -> tuple[NotPaperRule, ...]:
    with Path(path).open("rb") as handle:
        data = tomllib.load(handle)
    rules = []
    for number, rule in enumerate(data.get("rule", []), start=1):
        missing = {"id", "reason", "pattern"} - set(rule)
        if missing:
            raise ValueError(f"{path}: rule {number} lacks {sorted(missing)}")
        unknown = set(rule) - NOT_PAPER_KEYS
        if unknown:
            raise ValueError(f"{path}: rule {rule['id']} has unknown key(s) {sorted(unknown)}")
        if not isinstance(rule.get("undated_only", False), bool):
            raise ValueError(f"{path}: rule {rule['id']}: undated_only must be true or false")
        try:
            pattern = re.compile(rule["pattern"], re.I)
        except re.error as error:
            raise ValueError(f"{path}: rule {rule['id']}: bad pattern: {error}") from None
        rules.append(NotPaperRule(rule["id"], rule["reason"], pattern,
                                  rule.get("undated_only", False)))
    return tuple(rules)


def not_a_paper(texts: list[str], *, is_dated: bool = False) -> NotPaperRule | None:
    """The first not-a-paper rule any of the texts (title, link text, file name) matches; a rule
    that is ``undated_only`` (a policy) does not apply to a document dated to a meeting
    (``is_dated``), which is that meeting's paper."""
    for rule in not_paper_rules():
        if rule.is_undated_only and is_dated:
            continue
        if any(rule.pattern.search(text or "") for text in texts):
            return rule
    return None
