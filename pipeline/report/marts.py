"""Read the marts the report needs. Notebooks and pages read through here only, so a renamed
column is a one-line change.

One read-only DuckDB connection per ``Atlas``; each mart is read once and then filtered in memory,
so writing one page per ICB costs no queries.
"""

from __future__ import annotations

import json
import os
from functools import cached_property
from pathlib import Path

import duckdb
import pandas as pd

from pipeline.paths import default_dataset, processed_dir, raw_dir

CURRENT_PERIOD = "rolling_12m"
MARTS = ("mart_icb_scores", "mart_icb_signals", "mart_region_comparison", "mart_national_summary",
         "mart_icb_coverage", "mart_trend_quarterly", "mart_evidence", "mart_documents")
ORDER = {
    "mart_icb_scores": "period_label, icb_code_ods",
    "mart_icb_signals": "period_label, icb_code_ods, dimension, signal_id",
    "mart_region_comparison": "footprint, period_label, region_code_ods",
    "mart_national_summary": "footprint, period_label",
    "mart_icb_coverage": "period_label, icb_code_ods",
    "mart_trend_quarterly": "level, area_code_ods, quarter_start_date",
    "mart_evidence": "icb_code_ods, signal_id, meeting_date desc nulls last, page_number, sha256, start_char",
    "mart_documents": "icb_code_ods, meeting_date desc nulls last, source_url",
}


class Atlas:
    """A built database, opened read-only once; marts are read on first use and kept."""

    def __init__(self, database: Path, dataset: str, scrape_runs: Path | None = None):
        self.database = Path(database)
        self.dataset = dataset
        self.scrape_runs_path = Path(scrape_runs) if scrape_runs else raw_dir(dataset) / "scrape_runs.jsonl"
        self._connection = None
        self._tables: dict[str, pd.DataFrame] = {}
        self._groups: dict[tuple, dict] = {}

    @classmethod
    def from_environment(cls) -> Atlas:
        """The database named by ATLAS_DATABASE (set by the report), else the dataset's own."""
        dataset = os.environ.get("ATLAS_DATASET") or default_dataset()
        database = os.environ.get("ATLAS_DATABASE") or processed_dir(dataset) / "atlas.duckdb"
        return cls(Path(database), dataset, os.environ.get("ATLAS_SCRAPE_RUNS") or None)

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        if self._connection is None:
            self._connection = duckdb.connect(str(self.database), read_only=True)
        return self._connection

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def query(self, sql: str, parameters: list | None = None) -> pd.DataFrame:
        return self.connection.execute(sql, parameters or []).df()

    def table(self, name: str) -> pd.DataFrame:
        """A whole mart in its documented order (read once)."""
        if name not in self._tables:
            self._tables[name] = self.query(f"select * from {name} order by {ORDER[name]}")
        return self._tables[name]

    def select(self, name: str, **equal) -> pd.DataFrame:
        """The rows of a mart whose columns equal the values given (None: any), in mart order.

        Each combination of columns is grouped once, so one page per ICB costs a dict lookup."""
        columns = tuple(column for column, value in equal.items() if value is not None)
        frame = self.table(name)
        if not columns:
            return frame
        if (name, columns) not in self._groups:
            self._groups[(name, columns)] = {
                key if isinstance(key, tuple) else (key,): group.reset_index(drop=True)
                for key, group in frame.groupby(list(columns), sort=False)}
        found = self._groups[(name, columns)].get(tuple(equal[column] for column in columns))
        return found if found is not None else frame.iloc[0:0]

    # periods -------------------------------------------------------------------------------------

    def latest_year(self) -> str | None:
        """The latest financial year in which some ICB had adequate coverage."""
        scores = self.table("mart_icb_scores")
        years = scores.loc[(scores["period_label"] != CURRENT_PERIOD) & (scores["coverage_status"] == "ok"),
                           "period_label"]
        return max(years) if len(years) else None

    def current_period(self) -> str:
        """The last 12 months (the footprint in force now), else the latest scored year."""
        periods = set(self.table("mart_icb_scores")["period_label"])
        if CURRENT_PERIOD in periods or not periods:
            return CURRENT_PERIOD
        return self.latest_year() or max(periods)

    def last_year_before(self, label: str) -> str | None:
        """The latest financial year before ``label`` (e.g. the last year of the 42 ICBs)."""
        years = [p for p in self.table("mart_icb_scores")["period_label"].unique()
                 if p != CURRENT_PERIOD and p < label]
        return max(years) if years else None

    def date_range(self) -> tuple[str, str]:
        documents = self.table("mart_documents")
        dates = documents.loc[documents["is_collected"].astype(bool), "meeting_date"].dropna()
        if dates.empty:
            return ("none", "none")
        first, last = dates.min(), dates.max()
        return (f"{first.day} {first:%b %Y}", f"{last.day} {last:%b %Y}")

    # marts ---------------------------------------------------------------------------------------

    def scores(self, period: str | None = None) -> pd.DataFrame:
        return self.select("mart_icb_scores", period_label=period)

    def signals(self, period: str | None = None, icb_code_ods: str | None = None) -> pd.DataFrame:
        return self.select("mart_icb_signals", period_label=period, icb_code_ods=icb_code_ods)

    def regions(self, footprint: str = "in_force", period: str | None = None) -> pd.DataFrame:
        return self.select("mart_region_comparison", footprint=footprint, period_label=period)

    def national(self, footprint: str | None = None, period: str | None = None) -> pd.DataFrame:
        return self.select("mart_national_summary", footprint=footprint, period_label=period)

    def coverage(self, period: str | None = None, icb_code_ods: str | None = None) -> pd.DataFrame:
        return self.select("mart_icb_coverage", period_label=period, icb_code_ods=icb_code_ods)

    def trends(self, level: str = "region") -> pd.DataFrame:
        return self.select("mart_trend_quarterly", level=level)

    def evidence(self, icb_code_ods: str) -> pd.DataFrame:
        return self.select("mart_evidence", icb_code_ods=icb_code_ods)

    def documents(self, icb_code_ods: str | None = None) -> pd.DataFrame:
        return self.select("mart_documents", icb_code_ods=icb_code_ods)

    def footprint_codes(self, period: str) -> dict[str, str | None]:
        """ODS code -> ONS code of each ICB in the footprint of ``period`` (in being at its end), as
        mart_icb_scores gives them (the codes in force on the period's last day): what a map of
        the period places on the boundaries. Notebooks take codes from here, never the registry."""
        scores = self.scores(period)
        in_footprint = scores[scores["is_in_footprint"].astype(bool)]
        return {code: (None if pd.isna(ons) else ons)
                for code, ons in zip(in_footprint["icb_code_ods"], in_footprint["icb_code_ons"], strict=True)}

    def icbs(self) -> pd.DataFrame:
        """Every ICB in the data with its latest period's row (the last 12 months where it has one)."""
        scores = self.table("mart_icb_scores")
        if scores.empty:
            return scores
        ordered = scores.assign(_current=scores["period_label"] == CURRENT_PERIOD).sort_values(
            ["icb_code_ods", "period_end_date", "_current"])
        return ordered.groupby("icb_code_ods").tail(1).drop(columns="_current").reset_index(drop=True)

    # the crawl's own account ---------------------------------------------------------------------

    @cached_property
    def crawl(self) -> pd.DataFrame:
        """The latest scrape run per ICB: status, detail (the crawl's reason) and when it finished.

        Read from ``scrape_runs.jsonl``, the scrape stage's log; empty when there is none."""
        columns = ["icb_code_ods", "status", "detail", "start_url", "finished_at"]
        rows = []
        if self.scrape_runs_path.exists():
            for line in self.scrape_runs_path.read_text(encoding="utf-8").splitlines():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError:
                    continue
        frame = pd.DataFrame(rows)
        for column in columns:
            if column not in frame:
                frame[column] = None
        frame = frame[columns].dropna(subset=["icb_code_ods"])
        frame["finished_at"] = pd.to_datetime(frame["finished_at"], errors="coerce", utc=True)
        return frame.sort_values("finished_at", kind="stable").groupby("icb_code_ods").tail(1) \
            .set_index("icb_code_ods")

    def crawl_for(self, icb_code_ods: str) -> dict:
        """{status, detail, start_url, finished_at} of the ICB's latest crawl (values may be None)."""
        if icb_code_ods not in self.crawl.index:
            return {"status": None, "detail": None, "start_url": None, "finished_at": None}
        row = self.crawl.loc[icb_code_ods]
        return {key: (None if pd.isna(row[key]) or row[key] == "" else row[key])
                for key in ("status", "detail", "start_url", "finished_at")}

