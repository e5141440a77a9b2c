"""Errors the command line reports as one line (no traceback) with exit code 2."""

import errno

# OSErrors that describe the machine or its folders, not a bug: reported in one line, exit 2
ENVIRONMENT_ERRNOS = {errno.EACCES, errno.EPERM, errno.ENOSPC, errno.EROFS, errno.EDQUOT,
                      errno.ENOTDIR, errno.EISDIR, errno.EEXIST, errno.ENOENT, errno.EMFILE}


class UserError(Exception):
    """Bad input from the person running the pipeline: a code, date, path or option."""


class StageNotBuiltError(UserError):
    """A pipeline stage that this version of the project does not have yet."""


class UnknownHostError(ConnectionError):
    """A request to a host that does not exist (a transport that knows it, such as the demo web's,
    raises it): the fetcher records it at once, without the retries an unreachable host gets."""


class Terminated(KeyboardInterrupt):
    """The process was sent SIGTERM: stop like Ctrl-C, keeping what is already recorded."""


def describe_os_error(error: OSError) -> str | None:
    """A one-line description naming the path, or None if ``error`` looks like a bug."""
    if error.errno not in ENVIRONMENT_ERRNOS:
        return None
    reason = error.strerror or type(error).__name__
    if error.filename is None:
        return reason
    where = f"{error.filename}" + (f" -> {error.filename2}" if error.filename2 else "")
    return f"{where}: {reason}"
