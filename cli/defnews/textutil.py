"""Text helpers every stage shares: Markdown inline syntax to plain text, German month names.

One definition each (issue 14): the readers, the summaries, the digest and the plain-text
renderer all call `plain_text`; the readers, the Markdown block finder and the date rules
use `MONTHS`.
"""

from __future__ import annotations

import re

MONTH_NAMES = ("januar", "februar", "märz", "april", "mai", "juni", "juli", "august",
               "september", "oktober", "november", "dezember")
# German month name (lower case) → month number; Austrian "Jänner" and old "Feber" included.
MONTHS: dict[str, int] = {m: i + 1 for i, m in enumerate(MONTH_NAMES)}
MONTHS["jänner"] = 1
MONTHS["feber"] = 2
# Alternation of the month names for regular expressions (use with re.IGNORECASE).
MONTH_PATTERN = "|".join(MONTHS)

# Link texts hold no "[" and targets no "(": each match attempt then stops at the next
# bracket, so text of 100,000 "[" or "[a](" takes linear time, not quadratic (issue 18).
_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)")
_IMAGE_URL = re.compile(r"!\[([^\[\]]*)\]\(([^()\s]*)[^()]*\)")
_LINK_URL = re.compile(r"\[([^\[\]]+)\]\(([^()\s]*)[^()]*\)")
# Emphasis holds no copy of its own marker, so a marker that never closes costs one step.
_EMPH = re.compile(r"(\*\*|__|\*|_)(?=\S)((?:(?!\1).)+?)(?<=\S)\1")


def plain_text(text: str, *, urls: bool = False) -> str:
    """Inline Markdown as plain text: links and images become their text, emphasis goes.

    With `urls`, the link targets stay visible for a reader of plain text: an image becomes
    "[alt] <url>", a link "text <url>".
    """
    if urls:
        text = _IMAGE_URL.sub(lambda m: f"[{m.group(1)}] <{m.group(2)}>", text)
        text = _LINK_URL.sub(lambda m: f"{m.group(1)} <{m.group(2)}>", text)
        return _EMPH.sub(r"\2", text)
    return _EMPH.sub(r"\2", _LINK.sub(r"\1", text))
