"""pipeline.tag.characters: which characters outside ASCII a text holds."""

from pipeline.tag.characters import non_ascii


def test_the_characters_outside_ascii_are_found_once_each():
    assert non_ascii("the board’s 2025–26 plan: “£4m” • é ’") == set("’–“”£•é")
    assert non_ascii("plain ascii text, with \x1c controls") == set()
    assert non_ascii("") == set()


def test_characters_of_every_utf8_length_come_back_whole():
    assert non_ascii("a\u00e9b\u2013c\U0001f642d\u0661") == {"\u00e9", "\u2013", "\U0001f642", "\u0661"}
