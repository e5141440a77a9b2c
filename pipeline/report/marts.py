"""Read the marts the report needs. Notebooks and pages read through here only, so a renamed
column is a one-line change."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from pipeline.paths import default_dataset, processed_dir

LATEST_YEAR_SQL = ("select max(period_label) from mart_icb_scores where period_label <> 'rolling_12m' "
                   "and period_label in (select period_label from mart_icb_scores "
                   "where coverage_status = 'ok')")


@dataclass(frozen=True)
class Atlas:
    """A built database, opened read-only for each query."""

    database: Path
    dataset: str

    @classmethod
    def from_environment(cls) -> Atlas:
        """The database named by ATLAS_DATABASE (set by the report), else the dataset's own."""
        dataset = os.environ.get("ATLAS_DATASET") or default_dataset()
        database = os.environ.get("ATLAS_DATABASE") or processed_dir(dataset) / "atlas.duckdb"
        return cls(Path(database), dataset)

    def query(self, sql: str, parameters: list | None = None) -> pd.DataFrame:
        connection = duckdb.connect(str(self.database), read_only=True)
        try:
            return connection.execute(sql, parameters or []).df()
        finally:
            connection.close()

    def scalar(self, sql: str, parameters: list | None = None):
        frame = self.query(sql, parameters)
        return frame.iat[0, 0] if len(frame) else None

    def latest_year(self) -> str | None:
        """The latest financial year in which some ICB had adequate coverage."""
        return self.scalar(LATEST_YEAR_SQL)

    def date_range(self) -> tuple[str, str]:
        frame = self.query("select min(meeting_date) as first, max(meeting_date) as last "
                           "from mart_documents where is_collected")
        first, last = frame.iloc[0]
        return (str(first.date()) if pd.notna(first) else "none",
                str(last.date()) if pd.notna(last) else "none")

    def scores(self, period: str | None = None) -> pd.DataFrame:
        if period is None:
            return self.query("select * from mart_icb_scores order by period_label, icb_code_ods")
        return self.query("select * from mart_icb_scores where period_label = ? order by icb_code_ods",
                          [period])

    def signals(self, period: str) -> pd.DataFrame:
        return self.query("select * from mart_icb_signals where period_label = ? "
                          "order by icb_code_ods, signal_id", [period])

    def regions(self, footprint: str = "in_force") -> pd.DataFrame:
        return self.query("select * from mart_region_comparison where footprint = ? "
                          "order by period_label, region_code_ods", [footprint])

    def national(self) -> pd.DataFrame:
        return self.query("select * from mart_national_summary order by footprint, period_label")

    def coverage(self, period: str | None = None) -> pd.DataFrame:
        if period is None:
            return self.query("select * from mart_icb_coverage order by period_label, icb_code_ods")
        return self.query("select * from mart_icb_coverage where period_label = ? order by icb_code_ods",
                          [period])

    def trends(self, level: str = "region") -> pd.DataFrame:
        return self.query("select * from mart_trend_quarterly where level = ? "
                          "order by area_code_ods, quarter_start_date", [level])

    def evidence(self, icb_code_ods: str) -> pd.DataFrame:
        return self.query("select * from mart_evidence where icb_code_ods = ? "
                          "order by signal_id, meeting_date desc nulls last, page_number", [icb_code_ods])

    def documents(self, icb_code_ods: str | None = None) -> pd.DataFrame:
        if icb_code_ods is None:
            return self.query("select * from mart_documents order by icb_code_ods, meeting_date")
        return self.query("select * from mart_documents where icb_code_ods = ? "
                          "order by meeting_date desc nulls last, source_url", [icb_code_ods])

    def icbs(self) -> pd.DataFrame:
        """Every ICB in the data, with its latest period's row."""
        return self.query(
            "select * from mart_icb_scores qualify row_number() over (partition by icb_code_ods "
            "order by period_end_date desc, period_label = 'rolling_12m') = 1 order by icb_code_ods")
