"""``scrape``: not built yet (see the issue tracker)."""

from pipeline.errors import StageNotBuiltError

HELP = "(scrape stage: not built yet)"
DESCRIPTION = "The scrape stage is not part of this version of the pipeline yet."


def add_arguments(parser) -> None:
    pass


def run(args) -> int:
    raise StageNotBuiltError("the scrape stage is not built yet")
