"""The 2023 review the atlas is compared with: who did it, what it found, where to read it.

The Medical Technology Group (MTG), a coalition of patient groups, research charities and medical
device companies, published "Meaningful patient involvement: the MTG guide for Integrated Care
Systems" in September 2023. From Freedom of Information requests about the structures, policies
and processes of the 42 integrated care systems, it found that 25 of the 42 had a formal patient
representative at board and sub-committee meetings (about 40% had none), with the weakest
provision in the Midlands and the South and the strongest in the North East. It was reported by
Healthcare Leader on 5 September 2023. The report's landing page is on the MTG's own site.
"""

from __future__ import annotations

import csv
from html import escape

from pipeline.paths import REFERENCE_DIR

REVIEW_FIGURES = REFERENCE_DIR / "review_2023_formal_involvement.csv"


def _figures() -> dict[str, int]:
    """The review's counts, from the reference data (one row)."""
    try:
        with REVIEW_FIGURES.open(encoding="utf-8", newline="") as handle:
            row = next(csv.DictReader(handle))
        return {"formal_count": int(row["formal_involvement_count"]), "icb_count": int(row["icb_count"])}
    except (FileNotFoundError, StopIteration, KeyError, ValueError) as error:
        raise RuntimeError(f"{REVIEW_FIGURES}: cannot read the 2023 review's figures ({error})") from None


REVIEW_2023 = {
    "short": "MTG 2023 review",
    "author": "Medical Technology Group",
    "title": "Meaningful patient involvement: the MTG guide for Integrated Care Systems",
    "published": "September 2023",
    "url": "https://mtg.org.uk/patient-involvement/",
    "press_url": "https://healthcareleadernews.com/integrated-care-boards/four-in-10-icbs-have-no-formal-patient-involvement",
    "method": "Freedom of Information requests to the 42 integrated care systems",
    **_figures(),
}


def review_citation() -> str:
    """One sentence naming and linking the review (HTML)."""
    review = REVIEW_2023
    return (f'The 2023 review is the {escape(review["author"])}\'s <a href="{escape(review["url"])}">'
            f"<cite>{escape(review['title'])}</cite></a> ({escape(review['published'])}), based on "
            f"{escape(review['method'])}: {review['formal_count']} of {review['icb_count']} had a formal "
            f"patient representative at board and sub-committee meetings "
            f'(<a href="{escape(review["press_url"])}">reported by Healthcare Leader</a>). It counted '
            f"representation by asking the systems; the atlas counts what their papers show, so the two "
            f"measure related but different things.")
