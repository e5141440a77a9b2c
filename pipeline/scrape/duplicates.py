"""Addresses of one document: the same file linked again with a query parameter that only changes
how it is delivered (``board-papers.pdf?download=true`` beside ``board-papers.pdf``).

Which parameters those are is data (``download_parameters`` in ``recipes.toml``). Two document
links are one document when their addresses are the same once those parameters are dropped; the
address kept is the one without them when the site links it, else the first one found.
"""

from __future__ import annotations

from urllib.parse import unquote_plus, urlsplit, urlunsplit


def without_parameters(url: str, names: tuple[str, ...]) -> str:
    """``url`` without the query parameters ``names`` (any case, any value); the rest of the query
    is kept as it was written, in its order."""
    parts = urlsplit(url)
    if not parts.query or not names:
        return url
    dropped = {name.lower() for name in names}
    pairs = [pair for pair in parts.query.split("&") if pair]
    kept = [pair for pair in pairs if unquote_plus(pair.split("=", 1)[0]).lower() not in dropped]
    if len(kept) == len(pairs):
        return url
    return urlunsplit(parts._replace(query="&".join(kept)))


def duplicates(urls: list[str], names: tuple[str, ...]) -> dict[str, str]:
    """Each address in ``urls`` (in the order found) that is another address of a document listed
    before or without the parameters ``names``, mapped to the address kept for it."""
    groups: dict[str, list[str]] = {}
    for url in urls:
        groups.setdefault(without_parameters(url, names), []).append(url)
    found: dict[str, str] = {}
    for plain, group in groups.items():
        kept = plain if plain in group else group[0]
        found |= {url: kept for url in group if url != kept}
    return found
