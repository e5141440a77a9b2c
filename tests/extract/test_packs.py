"""Realistic-size board packs (pipeline.demo.packs) and the engine's page ranges."""

import hashlib

import pytest

from pipeline.demo.packs import corpus_sizes, make_pack
from pipeline.extract.engines import extract, pdf_page_count, pdf_page_range, separate_running_lines

# sha256 of the pages' texts joined by form feeds, recorded with the engine before the cheap
# gutter check and page ranges were added. A change of engine output must be deliberate: update
# these only when the pack generator changes, never to make an engine change pass.
EXPECTED_TEXT_SHA256 = {
    7: "3e937384dde757f84f8effcac8e4b9d7013604a35843cfa89148c2f0f223244e",
    8: "c27851ef2cf883f93fdbe6b496cf306fe01e371ce0089bb6b1f32f040be55715",
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


def test_corpus_has_a_real_like_mix_of_sizes():
    sizes = dict(corpus_sizes())
    packs = [n for name, n in sizes.items() if name.startswith("pack")]
    assert len(packs) == 10 and all(80 <= n <= 400 for n in packs)
    assert all(8 <= n <= 20 for name, n in sizes.items() if name.startswith("minutes"))
    assert all(2 <= n <= 4 for name, n in sizes.items() if name.startswith("agenda"))
