"""Small helpers for text the app writes around what people typed."""

# FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE (Unicode bidi algorithm, UAX #9).
_FSI, _PDI = "\u2068", "\u2069"


def isolate(value) -> str:
    """User text to embed in a sentence, isolated so a right-to-left character or override in it cannot reorder the sentence."""
    return f"{_FSI}{value}{_PDI}"
