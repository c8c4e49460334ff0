"""Keep text people typed from changing the direction of the words around it.

A name typed with a right-to-left override (U+202E) or in a right-to-left
script would otherwise reorder the rest of the sentence it is quoted in:
"The milestone “…” has no owner" could read backwards after the name.
"""

FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


def isolate(value) -> str:
    """The value as text, bidi-isolated: use it for every piece of user text placed inside a message."""
    return f"{FIRST_STRONG_ISOLATE}{value}{POP_DIRECTIONAL_ISOLATE}"
