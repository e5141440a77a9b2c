"""Errors the command line reports as one line (no traceback) with exit code 2."""


class UserError(Exception):
    """Bad input from the person running the pipeline: a code, date, path or option."""


class StageNotBuiltError(UserError):
    """A pipeline stage that this version of the project does not have yet."""
