"""The scrape's memos of its pure text rules: same answers as the rules themselves, and emptied
when a run starts."""

import requests

from pipeline.demo.transport import mount_demo
from pipeline.scrape import classify, dates, links, memo
from pipeline.scrape.fetch import CrawlSettings
from pipeline.scrape.run import scrape

TEXTS = ["Audit Committee papers 14 March 2024", "NHS Sussex Board meeting",
         "Minutes of the meeting held on 5 March 2025, approved 9 May 2025",
         "Primary-Care-Commissioning-Committee-Papers-2025-06-18.pdf", "Download (PDF, 80KB)",
         "Read more", "", "Terms of reference", "Board papers 2023/24", "People and Communities"]
MEMOS = [(classify.body_in, lambda text: (text, ("Sussex",))),
         (classify.type_of, lambda text: (text, True)),
         (classify.type_of, lambda text: (text, False)),
         (classify.names_whole_meeting, lambda text: (text,)),
         (dates.meeting_date_in, lambda text: (text,)),
         (links._is_generic, lambda text: (text,))]


def test_memos_answer_as_the_rules_do_asked_once_or_again():
    memo.clear()
    for function, arguments in MEMOS:
        rule = function.__wrapped__
        for text in TEXTS * 2:
            assert function(*arguments(text)) == rule(*arguments(text)), (function, text)
        assert function.cache_info().hits >= len(TEXTS), function
    assert dates.meeting_date_in("file 140324", allow_compact=True) == \
        dates.meeting_date_in.__wrapped__("file 140324", allow_compact=True)
    assert dates.meeting_date_in("file 140324", allow_compact=True) != \
        dates.meeting_date_in("file 140324")


def test_clear_forgets_every_answer():
    for function, arguments in MEMOS:
        function(*arguments(TEXTS[0]))
    memo.clear()
    assert all(function.cache_info().currsize == 0 for function, _ in MEMOS)


def test_a_run_starts_with_empty_memos(demo_web, demo_server, tmp_path):
    """A run in a long-lived process is not helped by what an earlier run worked out."""
    earlier = "A text no demo page has: Zebra Committee"
    classify.body_in(earlier, ())
    code = next(row["icb_code_ods"] for row in demo_web.sites() if row["coverage"] == "full")
    scrape("demo", icb_codes=[code], root=tmp_path, progress=False,
           settings=CrawlSettings.for_demo(), start_urls=demo_web.start_urls(),
           session_factory=lambda: mount_demo(requests.Session(), demo_server))
    during = classify.body_in.cache_info()
    assert during.currsize > 0 and during.misses == during.currsize
    classify.body_in(earlier, ())
    assert classify.body_in.cache_info().misses == during.misses + 1, \
        "the answer from before the run was forgotten when it started"
