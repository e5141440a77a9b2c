"""Realistic-size board papers for benchmarks: agendas of 2-4 pages, minutes of 8-20, packs of 80-400.

Real board packs are long Word or PowerPoint exports: prose reports and bulleted lists, 40-row RAG
tables, two-column pages, vector charts, a few scanned pages (signed minutes, appendices), running
headers and footers, and text in embedded font subsets, typeset with curly quotes, dashes and
pound signs. ``make_pack`` draws one such document; ``corpus`` writes a deterministic set of them
once and reuses it (the generator's source is in its key).
"""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

from pipeline.demo.pdf import PAGE_HEIGHT, Line, Page, Shape, render_pdf, wrap

RAG = {"Red": (0.85, 0.2, 0.2), "Amber": (0.95, 0.65, 0.1), "Green": (0.3, 0.65, 0.3)}
SUBJECTS = ["The ICB", "The system", "Partners", "The committee", "The programme board", "Providers",
            "The place partnership", "The elective recovery programme", "The urgent care board"]
VERBS = ["reported", "noted", "agreed", "reviewed", "confirmed", "escalated", "continued to monitor",
         "received assurance on", "discussed", "approved"]
# Most of a real pack is finance, performance, workforce, quality and estates, written with the
# words an involvement tagger looks for ("patient", "public", "community", "engagement", "board")
# in other senses; involvement itself is a sentence in a few dozen (INVOLVEMENT_SHARE). The text is
# typeset as Word exports it: curly apostrophes and quotes, en dashes, pound signs and bullets
# (characters outside ASCII on nearly every page, which text and tagging code must read at speed).
OBJECTS = ["the month 7 financial position – a forecast deficit of £4.2m",
           "performance against the four-hour emergency department standard",
           "waiting times for children’s community services",
           "the risk to delivery of the workforce plan", "cancer 62-day performance",
           "the quality and safety report, including two serious incidents",
           "the primary care access recovery plan and GP appointment data",
           "the capital programme for 2025–26 and the estates strategy",
           "mental health out-of-area placements", "the board assurance framework",
           "patient flow through the acute sites and delayed discharges",
           "the public health grant allocation of £31.6m for the coming year",
           "staff engagement scores from the NHS Staff Survey",
           "the patient safety incident response framework and its implementation plan",
           "the public sector equality duty report on the workforce",
           "community diagnostic centre activity against plan",
           "the terms of reference of the primary care commissioning committee",
           "engagement with providers on the system financial recovery plan",
           "patient transport services contract performance",
           "the annual report and accounts timetable agreed with external audit",
           "the committee’s forward plan and the board’s cycle of business",
           "insight from the “population health management” dashboard on elective activity",
           "the digital strategy and the electronic patient record programme",
           "infection prevention and control, including the winter vaccination uptake"]
INVOLVEMENT_OBJECTS = [
    "the results of public engagement on the urgent treatment centre proposals",
    "feedback from patients and carers gathered through the Healthwatch survey",
    "the people and communities engagement plan for the winter campaign",
    "the Friends and Family Test results for community services"]
INVOLVEMENT_SHARE = 0.03  # of sentences
TAILS = ["and asked for a further update at the next meeting.", "in line with the operating plan.",
         "noting the variation between places.", "with actions set out in appendix 2.",
         "which will be reported to the board in public.", "and the committee was assured.",
         "subject to the conditions below.", "pending confirmation from NHS England."]


def _sentence(rng: random.Random) -> str:
    objects = INVOLVEMENT_OBJECTS if rng.random() < INVOLVEMENT_SHARE else OBJECTS
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(objects)} {rng.choice(TAILS)}"


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(2, 6)))


def _frame(number: int, header: str) -> list[Line]:
    return [Line(56, PAGE_HEIGHT - 36, 8, header),
            Line(56, 28, 8, f"Page {number}"), Line(480, 28, 8, "OFFICIAL")]


def _bullets(rng: random.Random) -> list[str]:
    """A list of actions, as Word exports one: a bullet, then the item (wrapped under itself)."""
    lines = []
    for _ in range(rng.randint(2, 5)):
        item = wrap(_sentence(rng), 86)
        lines += [f"•  {item[0]}", *(f"    {rest}" for rest in item[1:])]
    return lines


def _prose_page(rng: random.Random) -> Page:
    lines, y = [], PAGE_HEIGHT - 80
    if rng.random() < 0.4:
        lines.append(Line(56, y, 12, f"{rng.randint(1, 14)}. {rng.choice(OBJECTS).capitalize()}", "bold"))
        y -= 24
    while y > 70:
        for text in _bullets(rng) if rng.random() < 0.25 else wrap(_paragraph(rng), 92):
            if y <= 70:
                break
            lines.append(Line(56, y, 10, text))
            y -= 13.5
        y -= 10
    return Page(lines)


def _two_column_page(rng: random.Random) -> Page:
    columns = [[], []]
    for column in columns:
        while len(column) < 54:
            column.extend([*wrap(_paragraph(rng), 44), ""])
    lines = []
    for row in range(54):
        y = PAGE_HEIGHT - 80 - row * 12.5
        for index, x in enumerate((56, 306)):
            if columns[index][row]:
                lines.append(Line(x, y, 9, columns[index][row]))
    return Page(lines)


def _table_page(rng: random.Random) -> Page:
    headings = ["Ref", "Measure", "Lead", "Target", "Actual", "RAG"]
    xs = [50, 85, 330, 400, 450, 505]
    lines = [Line(x, PAGE_HEIGHT - 70, 8, heading, "bold") for x, heading in zip(xs, headings, strict=True)]
    shapes = [Shape(45, PAGE_HEIGHT - 76, 505, 0)]
    for row in range(40):
        y = PAGE_HEIGHT - 90 - row * 17.5
        status = rng.choice(list(RAG))
        target = rng.randint(50, 99)
        values = [f"M{rng.randint(1, 99):02d}", rng.choice(OBJECTS)[:44],
                  rng.choice(["COO", "CFO", "CNO", "CMO"]), f"{target}%",
                  f"{max(0, target + rng.randint(-15, 6))}%", status]
        lines += [Line(x, y, 7.5, value) for x, value in zip(xs, values, strict=True)]
        shapes += [Shape(500, y - 4, 48, 14, RAG[status]), Shape(45, y - 5, 505, 0)]
    return Page(lines, shapes=shapes)


def _chart_page(rng: random.Random) -> Page:
    shapes = [Shape(80, 460, 440, 0), Shape(80, 460, 0.1, 280)]
    lines = [Line(80, 760, 11, f"Figure {rng.randint(1, 30)}: {rng.choice(OBJECTS)}", "bold")]
    for month in range(12):
        value = rng.uniform(40, 260)
        shapes.append(Shape(92 + month * 35, 461, 22, value, (0.2, 0.4, 0.7)))
        lines.append(Line(92 + month * 35, 446, 7, ["Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                                                     "Nov", "Dec", "Jan", "Feb", "Mar"][month]))
    lines += [Line(52, 460 + tick * 56, 7, str(tick * 20)) for tick in range(6)]
    y = 410
    for text in wrap(_paragraph(rng) + " " + _paragraph(rng), 92):
        lines.append(Line(56, y, 10, text))
        y -= 13.5
    return Page(lines, shapes=shapes)


PAGE_KINDS = ((_prose_page, 0.55), (_table_page, 0.2), (_two_column_page, 0.13), (_chart_page, 0.12))


def make_pack(page_count: int, seed: int, title: str = "Board meeting in public: papers") -> bytes:
    """One board-paper PDF of ``page_count`` pages; about 1 page in 60 is scanned. Which pages are
    scanned and of which kind the others are is drawn apart from their text, so a change to the
    prose leaves a pack's layout as it was."""
    rng, layout = random.Random(seed), random.Random(f"layout {seed}")
    header = f"{title} | {rng.randint(1, 28)} {rng.choice(['March', 'July', 'November'])} 2025"
    kinds = [kind for kind, _ in PAGE_KINDS]
    weights = [weight for _, weight in PAGE_KINDS]
    pages = []
    for number in range(1, page_count + 1):
        if number > 3 and layout.random() < 1 / 60:
            pages.append(Page(is_image_only=True))
            continue
        page = (_prose_page if number <= 2 else layout.choices(kinds, weights)[0])(rng)
        page.lines[:0] = _frame(number, header)
        pages.append(page)
    return render_pdf(pages, title=title, embed_fonts=True)


def corpus_sizes(seed: int = 2026) -> list[tuple[str, int]]:
    """(name, pages) of the benchmark corpus: 10 packs of 80-400 pages, 6 minutes, 6 agendas."""
    rng = random.Random(seed)
    sizes = [(f"pack-{index:02d}", rng.randint(80, 400)) for index in range(10)]
    sizes += [(f"minutes-{index:02d}", rng.randint(8, 20)) for index in range(6)]
    sizes += [(f"agenda-{index:02d}", rng.randint(2, 4)) for index in range(6)]
    return sizes


def corpus(folder: Path) -> list[Path]:
    """Write the benchmark corpus under ``folder/<generator key>/`` once; return its files."""
    sources = [Path(__file__).with_name(name) for name in ("packs.py", "pdf.py", "truetype.py")]
    key = hashlib.sha256(b"".join(path.read_bytes() for path in sources)).hexdigest()[:12]
    target = Path(folder) / key
    files = [target / f"{name}.pdf" for name, _ in corpus_sizes()]
    if not all(path.exists() for path in files):
        target.mkdir(parents=True, exist_ok=True)
        for number, ((name, pages), path) in enumerate(zip(corpus_sizes(), files, strict=True)):
            partial = path.with_suffix(".part")
            partial.write_bytes(make_pack(pages, seed=number, title=name.split("-")[0].title()))
            partial.replace(path)
    return files

