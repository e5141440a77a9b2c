"""``scrape`` as a command: duplicate ICBs, bad options, what it prints."""

from pipeline.cli import main
from pipeline.scrape.manifest import read_rows


def test_the_same_icb_under_two_codes_is_crawled_once(data_dirs, capsys):
    raw, _ = data_dirs
    assert main(["scrape", "--dataset", "demo", "--icb", "QWO", "--icb", "E54000054"]) == 0
    runs = read_rows(raw / "demo" / "scrape_runs.jsonl")
    assert [row["icb_code_ods"] for row in runs] == ["QWO"]
    rows = read_rows(raw / "demo" / "manifest.jsonl")
    assert rows and len({row["requested_url"] for row in rows}) == len(rows)
    captured = capsys.readouterr()
    assert (captured.out + captured.err).count("QWO") == 1
