"""Realistic-size board packs (pipeline.demo.packs) and the engine's page ranges."""

import hashlib

import pytest

from pipeline.demo.packs import corpus_sizes, make_pack
from pipeline.extract.engines import extract, pdf_page_count, pdf_page_range, separate_running_lines

# sha256 of the pages' texts joined by form feeds, recorded with the engine before the cheap
# gutter check and page ranges were added. A change of engine output must be deliberate: update
# these only when the pack generator changes, never to make an engine change pass (last: 2026-12-07,
# prose typeset as Word exports it, with bullets; engine unchanged).
EXPECTED_TEXT_SHA256 = {
    7: "8e13dc5c87c511c688b7b0ac606bd429500db8db20cb14f902063015127ba15f",
    8: "caf71f7d5e3c1c7bfc8e495a9e9de1ac9ae31e92609b90f3bd9724cad86aede3",
}


@pytest.fixture(scope="module")
def packs():
    return {seed: make_pack(60, seed=seed) for seed in EXPECTED_TEXT_SHA256}


@pytest.mark.parametrize("seed", sorted(EXPECTED_TEXT_SHA256))
def test_engine_text_is_unchanged_on_realistic_packs(packs, seed):
    _, pages = extract(packs[seed])
    assert [page.page_number for page in pages] == list(range(1, 61))
    text = "\f".join(page.text for page in pages)
    assert hashlib.sha256(text.encode()).hexdigest() == EXPECTED_TEXT_SHA256[seed]


def test_page_ranges_join_into_the_whole_document(packs):
    data = packs[7]
    assert pdf_page_count(data) == 60
    joined = separate_running_lines(pdf_page_range(data, 0, 17) + pdf_page_range(data, 17, 41)
                                    + pdf_page_range(data, 41, 99))
    _, whole = extract(data)
    assert [(p.page_number, p.text, p.is_needs_ocr) for p in joined] == \
           [(p.page_number, p.text, p.is_needs_ocr) for p in whole]


def test_packs_look_like_word_exports(packs):
    data = packs[7]
    assert b"/FontFile2" in data and b"/Identity-H" in data and b"/ToUnicode" in data
    _, pages = extract(data)
    text = "\n".join(page.text for page in pages)
    assert "Red" in text and "Amber" in text and "Figure" in text  # RAG tables and charts
    assert any(page.is_needs_ocr for page in pages)  # a scanned page, flagged
    assert sum("OFFICIAL" in page.text for page in pages) >= 50  # running footers
    assert make_pack(60, seed=7) == data  # deterministic
    for typeset in "’–£“”•":  # Word's apostrophes, dashes, quotes and bullets, and money
        assert sum(typeset in page.text for page in pages) >= 3, typeset


def test_corpus_has_a_real_like_mix_of_sizes():
    sizes = dict(corpus_sizes())
    packs = [n for name, n in sizes.items() if name.startswith("pack")]
    assert len(packs) == 10 and all(80 <= n <= 400 for n in packs)
    assert all(8 <= n <= 20 for name, n in sizes.items() if name.startswith("minutes"))
    assert all(2 <= n <= 4 for name, n in sizes.items() if name.startswith("agenda"))


def test_a_long_pack_is_shared_between_workers_with_the_same_text(tmp_path):
    from pipeline.extract.run import RANGE_PAGES, Limits, join_ranges, plan_jobs, run_jobs

    long_pack, short_pack = tmp_path / "long.pdf", tmp_path / "short.pdf"
    long_pack.write_bytes(make_pack(RANGE_PAGES * 3 + 7, seed=11))
    short_pack.write_bytes(make_pack(5, seed=12))
    jobs = plan_jobs([("b" * 64, str(short_pack)), ("a" * 64, str(long_pack))])
    assert [job[2:] for job in jobs[:4]] == [(0, 40, 127), (40, 80, 127), (80, 120, 127), (120, 127, 127)]
    assert jobs[-1] == ("b" * 64, str(short_pack))  # longest work first
    rows = {row["sha256"]: row for row in join_ranges(run_jobs(jobs, 2, Limits()))}
    assert set(rows) == {"a" * 64, "b" * 64}
    for sha, path in (("a" * 64, long_pack), ("b" * 64, short_pack)):
        _, whole = extract(path.read_bytes())
        assert rows[sha]["status"] == ("partial" if any(p.is_needs_ocr for p in whole) else "ok")
        assert [(p["page_number"], p["text"], p["is_needs_ocr"]) for p in rows[sha]["pages"]] == \
               [(p.page_number, p.text, p.is_needs_ocr) for p in whole]
        assert "range" not in rows[sha]


def test_a_failed_range_fails_its_document():
    from pipeline.extract.run import join_ranges

    def part(start, stop, status="ok", error=None):
        return {"sha256": "c" * 64, "status": status, "error": error, "failure": "timeout" if error else None,
                "extractor_name": "pypdfium2", "seconds": 1.0, "range": [start, stop, 80],
                "pages": [{"page_number": n + 1, "text": f"page {n + 1}", "is_needs_ocr": False,
                           "extractor_name": None} for n in range(start, stop)]}

    rows = list(join_ranges([part(40, 80, "error", "timed out after 60 s"), part(0, 40)]))
    assert len(rows) == 1 and rows[0]["status"] == "error" and rows[0]["error"] == "timed out after 60 s"
    assert rows[0]["failure"] == "timeout" and rows[0]["pages"] == []
    assert list(join_ranges([part(0, 40)])) == []  # not complete: held back


def test_involvement_is_as_rare_in_packs_as_in_real_ones(packs):
    """Real packs are mostly finance, performance and quality, in words an involvement tagger
    looks for; a pack where a quarter of sentences are about involvement flatters no one."""
    from pipeline.demo.packs import INVOLVEMENT_OBJECTS, OBJECTS

    _, pages = extract(packs[8])
    text = " ".join(" ".join(page.text.split()) for page in pages).lower()
    involvement = sum(text.count(phrase.lower()[:40]) for phrase in INVOLVEMENT_OBJECTS)
    other = sum(text.count(phrase.lower()[:40]) for phrase in OBJECTS)
    assert other > 0 and 0 < involvement / (involvement + other) < 0.08
    assert "patient flow" in text and "public health" in text and "staff engagement" in text
