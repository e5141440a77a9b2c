"""Which characters outside ASCII a text holds, found at the speed of a byte copy (a regex scan
for them costs several times as much on a page of board-paper text, where curly quotes, dashes
and bullets are common and nearly everything else is ASCII)."""

from __future__ import annotations

_ASCII_BYTES = bytes(range(128))


def non_ascii(text: str) -> set[str]:
    """The distinct characters of ``text`` outside ASCII. (Removing every ASCII byte from UTF-8
    leaves the other characters' byte sequences whole.)"""
    if text.isascii():
        return set()
    return set(text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
               .decode("utf-8", "surrogatepass"))
