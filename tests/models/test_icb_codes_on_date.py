"""int_icb_codes_on_date is the one SQL answer to "an ICB's codes and region on a date"; the
registry's Python face (pipeline.registry) gives the same answer on every date that matters."""

import itertools
from datetime import timedelta

import duckdb
import pytest

from pipeline.registry import load_registry


@pytest.fixture(scope="module")
def ranges(mini_database):
    connection = duckdb.connect(str(mini_database), read_only=True)
    try:
        return connection.execute(
            "select icb_code_ods, valid_from_date, valid_to_date, icb_code_ons, region_code_ods, "
            "region_code_ons, region_name from int_icb_codes_on_date order by all").fetchall()
    finally:
        connection.close()


def test_every_icb_has_ranges_that_cover_all_time_without_overlap(ranges):
    registry = load_registry()
    by_icb = {}
    for row in ranges:
        by_icb.setdefault(row[0], []).append(row)
    assert set(by_icb) == {icb.icb_code_ods for icb in registry.all()}
    for rows in by_icb.values():
        assert rows[0][1].isoformat() == "0001-01-01" and rows[-1][2].isoformat() == "9999-12-31"
        assert all(after[1] == before[2] + timedelta(days=1) for before, after in itertools.pairwise(rows))


def test_the_model_and_the_registry_agree_on_each_icbs_codes_and_region(ranges):
    registry = load_registry()
    checked = 0
    for code, start, end, icb_code_ons, region_code_ods, region_code_ons, region_name in ranges:
        icb = registry.get(code)
        for on in {start, end}:
            if not icb.is_active_on(on):
                continue
            region = registry.region_on(code, on)
            assert (icb_code_ons, region_code_ods, region_code_ons, region_name) == (
                registry.ons_code_on(code, on), region.region_code_ods, region.region_code_ons,
                region.region_name), (code, on)
            checked += 1
    assert checked >= len(registry.all())
