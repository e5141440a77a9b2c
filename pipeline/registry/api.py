"""The ICB registry through time: which ICBs existed on a date, their codes, regions and lineage.

Every ICB is keyed by its ODS code (``icb_code_ods``), which NHS England keeps for the life of the
body. ONS (GSS) codes change with boundary releases, so they are dated. Region ONS codes change too;
region ODS codes (Y56-Y63) have not.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from pipeline.paths import REFERENCE_DIR


class UnknownIcbError(LookupError):
    """No ICB matches the code or name given."""


@dataclass(frozen=True)
class Span:
    valid_from_date: date
    valid_to_date: date | None

    def covers(self, on: date) -> bool:
        return self.valid_from_date <= on and (self.valid_to_date is None or on <= self.valid_to_date)


@dataclass(frozen=True)
class Icb:
    icb_code_ods: str
    icb_name: str
    icb_short_name: str
    region_code_ods: str
    valid_from_date: date
    valid_to_date: date | None
    website_url: str
    board_papers_url: str
    board_papers_url_status: str

    @property
    def span(self) -> Span:
        return Span(self.valid_from_date, self.valid_to_date)

    def is_active_on(self, on: date) -> bool:
        return self.span.covers(on)


@dataclass(frozen=True)
class Region:
    region_code_ods: str
    region_code_ons: str
    region_name: str


@dataclass(frozen=True)
class Succession:
    predecessor_icb_code_ods: str
    successor_icb_code_ods: str
    effective_date: date
    change_type: str


def parse_date(value: str) -> date:
    """Parse an ISO date (YYYY-MM-DD), raising ValueError that names the bad value."""
    try:
        return date.fromisoformat(value.strip())
    except (AttributeError, ValueError):
        raise ValueError(f"{value!r} is not a date in YYYY-MM-DD form") from None


def _optional_date(value: str) -> date | None:
    return parse_date(value) if value else None


def normalise_name(text: str) -> str:
    """Fold case, punctuation and the 'NHS ... Integrated Care Board' wrapper for name look-ups."""
    text = re.sub(r"[^a-z0-9]+", " ", text.lower().replace("&", " and "))
    text = re.sub(r"\b(nhs|integrated care board|icb)\b", " ", text)
    return " ".join(text.split())


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


class Registry:
    """Look-ups over the registry files in ``data/reference/``."""

    def __init__(self, reference_dir: Path = REFERENCE_DIR):
        reference_dir = Path(reference_dir)
        self._icbs = {
            row["icb_code_ods"]: Icb(
                icb_code_ods=row["icb_code_ods"],
                icb_name=row["icb_name"],
                icb_short_name=row["icb_short_name"],
                region_code_ods=row["region_code_ods"],
                valid_from_date=parse_date(row["valid_from_date"]),
                valid_to_date=_optional_date(row["valid_to_date"]),
                website_url=row["website_url"],
                board_papers_url=row["board_papers_url"],
                board_papers_url_status=row["board_papers_url_status"],
            )
            for row in _read_csv(reference_dir / "icbs.csv")
        }
        self._ons_codes = [
            (row["icb_code_ods"], row["icb_code_ons"],
             Span(parse_date(row["valid_from_date"]), _optional_date(row["valid_to_date"])))
            for row in _read_csv(reference_dir / "icb_ons_codes.csv")
        ]
        self._region_names = {
            row["region_code_ods"]: row["region_name"]
            for row in _read_csv(reference_dir / "regions.csv")
        }
        self._region_ons_codes = [
            (row["region_code_ods"], row["region_code_ons"],
             Span(parse_date(row["valid_from_date"]), _optional_date(row["valid_to_date"])))
            for row in _read_csv(reference_dir / "region_ons_codes.csv")
        ]
        self.successions = [
            Succession(
                predecessor_icb_code_ods=row["predecessor_icb_code_ods"],
                successor_icb_code_ods=row["successor_icb_code_ods"],
                effective_date=parse_date(row["effective_date"]),
                change_type=row["change_type"],
            )
            for row in _read_csv(reference_dir / "icb_successions.csv")
        ]
        self._index = self._build_index()

    def _build_index(self) -> dict[str, str]:
        index: dict[str, str] = {}
        for icb in self._icbs.values():
            index[icb.icb_code_ods.upper()] = icb.icb_code_ods
            index[normalise_name(icb.icb_name)] = icb.icb_code_ods
            index[normalise_name(icb.icb_short_name)] = icb.icb_code_ods
        for code_ods, code_ons, _ in self._ons_codes:
            index[code_ons.upper()] = code_ods
        return index

    def all(self) -> list[Icb]:
        """Every ICB that has existed since July 2022, oldest first."""
        return list(self._icbs.values())

    def active_on(self, on: date) -> list[Icb]:
        """The ICBs in being on a date, in ODS-code order."""
        return sorted(
            (icb for icb in self._icbs.values() if icb.is_active_on(on)),
            key=lambda icb: icb.icb_code_ods,
        )

    def active_between(self, start: date, end: date) -> list[Icb]:
        """The ICBs in being for at least one day between two dates (inclusive)."""
        return sorted(
            (
                icb for icb in self._icbs.values()
                if icb.valid_from_date <= end
                and (icb.valid_to_date is None or icb.valid_to_date >= start)
            ),
            key=lambda icb: icb.icb_code_ods,
        )

    def get(self, code_or_name: str) -> Icb:
        """Find an ICB by ODS code, any of its ONS codes, its name or short name."""
        key = (code_or_name or "").strip()
        code = self._index.get(key.upper()) or self._index.get(normalise_name(key))
        if code is None:
            raise UnknownIcbError(f"no ICB has the code or name {code_or_name!r}")
        return self._icbs[code]

    def ons_code_on(self, code_or_name: str, on: date) -> str | None:
        """The ICB's ONS code on a date, or None if it did not exist then."""
        icb = self.get(code_or_name)
        for code_ods, code_ons, span in self._ons_codes:
            if code_ods == icb.icb_code_ods and span.covers(on):
                return code_ons
        return None

    def ons_codes(self, code_or_name: str) -> list[tuple[str, Span]]:
        """Every ONS code the ICB has carried, with its dates."""
        icb = self.get(code_or_name)
        return [(ons, span) for ods, ons, span in self._ons_codes if ods == icb.icb_code_ods]

    def region_on(self, code_or_name: str, on: date) -> Region | None:
        """The NHS England region the ICB belonged to on a date (None if it did not exist)."""
        icb = self.get(code_or_name)
        if not icb.is_active_on(on):
            return None
        return self.region(icb.region_code_ods, on)

    def region(self, region_code_ods: str, on: date) -> Region:
        """A region with the ONS code in force on a date."""
        code_ons = next(
            ons for ods, ons, span in self._region_ons_codes
            if ods == region_code_ods and span.covers(on)
        )
        return Region(region_code_ods, code_ons, self._region_names[region_code_ods])

    def regions(self) -> dict[str, str]:
        """Region ODS code to region name."""
        return dict(self._region_names)

    def successors(self, code_or_name: str) -> list[Icb]:
        """The ICBs that took over an abolished ICB's area (several where it was split)."""
        icb = self.get(code_or_name)
        codes = {
            s.successor_icb_code_ods for s in self.successions
            if s.predecessor_icb_code_ods == icb.icb_code_ods
        }
        return [self._icbs[code] for code in sorted(codes)]

    def predecessors(self, code_or_name: str) -> list[Icb]:
        """The ICBs whose areas (in whole or part) an ICB took over."""
        icb = self.get(code_or_name)
        codes = {
            s.predecessor_icb_code_ods for s in self.successions
            if s.successor_icb_code_ods == icb.icb_code_ods
        }
        return [self._icbs[code] for code in sorted(codes)]

    def rows_on(self, on: date) -> list[dict[str, str]]:
        """The registry on a date as flat rows: one per active ICB, with codes and region."""
        rows = []
        for icb in self.active_on(on):
            region = self.region(icb.region_code_ods, on)
            rows.append(
                {
                    "icb_code_ods": icb.icb_code_ods,
                    "icb_code_ons": self.ons_code_on(icb.icb_code_ods, on) or "",
                    "icb_name": icb.icb_name,
                    "icb_short_name": icb.icb_short_name,
                    "region_code_ods": region.region_code_ods,
                    "region_code_ons": region.region_code_ons,
                    "region_name": region.region_name,
                    "valid_from_date": icb.valid_from_date.isoformat(),
                    "valid_to_date": icb.valid_to_date.isoformat() if icb.valid_to_date else "",
                    "website_url": icb.website_url,
                    "board_papers_url": icb.board_papers_url,
                    "board_papers_url_status": icb.board_papers_url_status,
                }
            )
        return rows


@lru_cache(maxsize=4)
def load_registry(reference_dir: Path = REFERENCE_DIR) -> Registry:
    """The registry, read once per process."""
    return Registry(reference_dir)
