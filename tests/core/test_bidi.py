"""isolate(): user text quoted in a message keeps its direction to itself."""

from stage1.core.bidi import isolate


def test_isolate_wraps_the_text_in_first_strong_isolate_and_pop_directional_isolate():
    assert isolate("Body 1") == "\u2068Body 1\u2069"


def test_isolate_takes_anything_that_prints_as_text():
    class Named:
        def __str__(self):
            return "\u202eturned"

    assert isolate(Named()) == "\u2068\u202eturned\u2069"
    assert isolate(7) == "\u20687\u2069"
