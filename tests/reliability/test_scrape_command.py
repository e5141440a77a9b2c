"""``scrape`` as a command: duplicate ICBs, bad options, what it prints."""

from pipeline.cli import main
from pipeline.io import read_rows


def test_the_same_icb_under_two_codes_is_crawled_once(data_dirs, capsys):
    raw, _ = data_dirs
    assert main(["scrape", "--dataset", "demo", "--icb", "QWO", "--icb", "E54000054"]) == 0
    runs = read_rows(raw / "demo" / "scrape_runs.jsonl")
    assert [row["icb_code_ods"] for row in runs] == ["QWO"]
    rows = read_rows(raw / "demo" / "manifest.jsonl")
    assert rows and len({row["requested_url"] for row in rows}) == len(rows)
    captured = capsys.readouterr()
    assert (captured.out + captured.err).count("QWO") == 1
    assert captured.err.strip().splitlines()[-1].startswith("scrape: done in ")


def test_progress_off_a_terminal_is_a_line_every_interval_not_one_per_icb():
    import io

    from pipeline.scrape.crawler import SiteSummary
    from pipeline.scrape.run import Progress

    stream = io.StringIO()
    progress = Progress(3, stream=stream, interval=3600)
    progress.update(SiteSummary("QWO", "https://x.nhs.uk/"), 10)
    progress.update(None, 12)
    assert stream.getvalue() == ""
    progress.interval = 0
    progress.update(None, 20)
    progress.update(SiteSummary("QF7", "https://y.nhs.uk/"), 25)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2 and lines[0].startswith("scrape: 1/3 ICBs done, 20 documents recorded")
    assert lines[1].startswith("scrape: 2/3 ICBs done, 25 documents")
    assert "QWO" not in stream.getvalue()


def test_a_site_that_crashes_does_not_lose_the_other_sites_records(tmp_path, monkeypatch):
    import pytest

    from pipeline.scrape import run as run_module
    from pipeline.scrape.crawler import SiteSummary

    class Crawler:
        def __init__(self, *, icb_code_ods, start_url, **others):
            self.code, self.url = icb_code_ods, start_url

        def run(self):
            if self.code == "QWO":
                raise RuntimeError("a bug in one site's crawl")
            return SiteSummary(self.code, self.url)

    monkeypatch.setattr(run_module, "SiteCrawler", Crawler)
    with pytest.raises(RuntimeError, match="a bug"):
        run_module.scrape("live", icb_codes=["QWO", "QF7", "QOQ"], root=tmp_path, progress=False,
                          session_factory=object, start_urls={"QWO": "https://a.nhs.uk/",
                                                              "QF7": "https://b.nhs.uk/",
                                                              "QOQ": "https://c.nhs.uk/"})
    assert sorted(row["icb_code_ods"] for row in read_rows(tmp_path / "scrape_runs.jsonl")) == [
        "QF7", "QOQ"]
