import csv
import shutil
from datetime import date

import pytest

from pipeline.paths import REFERENCE_DIR
from pipeline.registry import Registry, UnknownIcbError, load_registry
from pipeline.registry.importer import COPIED_FILES, build_registry


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


def read(name):
    with (REFERENCE_DIR / name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_icb_counts_through_time(registry):
    assert len(registry.active_on(date(2022, 6, 30))) == 0
    assert len(registry.active_on(date(2024, 1, 1))) == 42
    assert len(registry.active_on(date(2026, 3, 31))) == 42
    assert len(registry.active_on(date(2026, 6, 1))) == 36
    assert len(registry.all()) == 48
    assert len(registry.active_between(date(2022, 7, 1), date(2026, 11, 1))) == 48


def test_every_active_icb_has_exactly_one_region(registry):
    for on, expected_regions in ((date(2024, 1, 1), 7), (date(2026, 6, 1), 7)):
        regions = set()
        for icb in registry.active_on(on):
            region = registry.region_on(icb.icb_code_ods, on)
            assert region is not None and region.region_name
            regions.add(region.region_code_ods)
        assert len(regions) == expected_regions


def test_region_ons_code_follows_the_date(registry):
    assert registry.region_on("QM7", date(2023, 1, 1)).region_code_ons == "E40000007"
    assert registry.region_on("QM7", date(2025, 1, 1)).region_code_ons == "E40000013"
    assert registry.region_on("QM7", date(2026, 6, 1)) is None


def test_abolished_icbs_have_successors_and_new_ones_predecessors(registry):
    abolished = [icb for icb in registry.all() if icb.valid_to_date is not None]
    assert len(abolished) == 12
    for icb in abolished:
        assert registry.successors(icb.icb_code_ods), icb.icb_code_ods
    created = [icb for icb in registry.all() if icb.valid_from_date == date(2026, 4, 1)]
    assert len(created) == 6
    for icb in created:
        assert registry.predecessors(icb.icb_code_ods), icb.icb_code_ods


def test_splits_and_mergers(registry):
    assert [i.icb_code_ods for i in registry.successors("QNQ")] == ["QRL", "S0E4D", "S9B9J"]
    assert [i.icb_code_ods for i in registry.successors("QM7")] == ["D7T5G", "S1Y5D"]
    assert [i.icb_code_ods for i in registry.predecessors("Z9B2Z")] == ["QMJ", "QRV"]
    assert registry.successors("QWO") == []


def test_codes_are_unique(registry):
    rows = read("icbs.csv")
    assert len({row["icb_code_ods"] for row in rows}) == len(rows)
    for on in (date(2022, 7, 1), date(2023, 6, 1), date(2026, 6, 1)):
        codes = [registry.ons_code_on(icb.icb_code_ods, on) for icb in registry.active_on(on)]
        assert None not in codes and len(set(codes)) == len(codes)


def test_ons_code_history(registry):
    assert registry.ons_code_on("QXU", date(2022, 12, 1)) == "E54000052"
    assert registry.ons_code_on("QXU", date(2023, 4, 1)) == "E54000063"
    assert registry.ons_code_on("QRL", date(2026, 4, 1)) == "E54000067"
    assert registry.ons_code_on("QXU", date(2026, 4, 1)) is None


def test_lookup_by_any_code_or_name(registry):
    assert registry.get("qnq").icb_code_ods == "QNQ"
    assert registry.get("E54000052").icb_code_ods == "QXU"
    assert registry.get("E54000063").icb_code_ods == "QXU"
    assert registry.get("  NHS  surrey   heartlands Integrated Care Board").icb_code_ods == "QXU"
    assert registry.get("Bath & North East Somerset, Swindon and Wiltshire").icb_code_ods == "QOX"
    assert registry.get("s9b9j").icb_short_name == "Surrey and Sussex"
    with pytest.raises(UnknownIcbError, match="'Atlantis'"):
        registry.get("Atlantis")


def test_cross_checked_against_ons_2022_lookup(registry):
    lookup = {row["ICB22CDH"]: row for row in read("ons_lookup_loc22_icb22_nhser22.csv")}
    active = registry.active_on(date(2022, 7, 1))
    assert {icb.icb_code_ods for icb in active} == set(lookup)
    for icb in active:
        ons = lookup[icb.icb_code_ods]
        assert registry.ons_code_on(icb.icb_code_ods, date(2022, 7, 1)) == ons["ICB22CD"]
        assert icb.icb_name == ons["ICB22NM"]
        region = registry.region_on(icb.icb_code_ods, date(2022, 7, 1))
        assert (region.region_code_ods, region.region_code_ons, region.region_name) == (
            ons["NHSER22CDH"], ons["NHSER22CD"], ons["NHSER22NM"])


def test_cross_checked_against_ons_2026_lookup(registry):
    lookup = {row["ICB26CDH"]: row for row in read("ons_lookup_sicbl26_icb26_nhser26.csv")}
    on = date(2026, 6, 1)
    assert {icb.icb_code_ods for icb in registry.active_on(on)} == set(lookup)
    for code, ons in lookup.items():
        assert registry.ons_code_on(code, on) == ons["ICB26CD"]
        assert registry.get(code).icb_name == ons["ICB26NM"]
        region = registry.region_on(code, on)
        assert (region.region_code_ods, region.region_code_ons) == (
            ons["NHSER26CDH"], ons["NHSER26CD"])


def _gathered_sources(folder):
    """The gathered files as the importer reads them, from the copies this repository keeps."""
    folder.mkdir()
    for path in (REFERENCE_DIR / "gathered").glob("*.csv"):
        shutil.copyfile(path, folder / path.name)
    for gathered_name, project_name in COPIED_FILES.items():
        shutil.copyfile(REFERENCE_DIR / project_name, folder / gathered_name)
    return folder


def test_importer_reproduces_the_committed_registry(tmp_path):
    build_registry(_gathered_sources(tmp_path / "gathered"), tmp_path / "out")
    for name in ("icbs.csv", "icb_ons_codes.csv", "icb_successions.csv", "regions.csv",
                 "region_ons_codes.csv"):
        assert (tmp_path / "out" / name).read_bytes() == (REFERENCE_DIR / name).read_bytes(), name


def test_kept_copies_match_the_gathered_reference_data():
    shared = REFERENCE_DIR.parents[2] / "shared" / "reference"
    if not shared.exists():
        pytest.skip(f"gathered reference data not found at {shared} (only the copies are checked)")
    for path in (REFERENCE_DIR / "gathered").glob("*.csv"):
        assert path.read_bytes() == (shared / path.name).read_bytes(), path.name
    for gathered_name, project_name in COPIED_FILES.items():
        assert (REFERENCE_DIR / project_name).read_bytes() == (shared / gathered_name).read_bytes()


def test_importer_names_a_missing_source(tmp_path):
    with pytest.raises(FileNotFoundError, match="icbs.csv"):
        build_registry(tmp_path / "nowhere", tmp_path / "out")
