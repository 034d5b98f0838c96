"""Language detection by stop-word profiles and script: enough to keep non-German text
away from the German model. Dependency-free and fast."""

from __future__ import annotations

import re

PROFILES: dict[str, frozenset[str]] = {
    "de": frozenset("der die das und ist nicht ein eine mit den dem des sich auf für von zu im "
                    "auch als wird wurde werden sind bei nach über wie aus noch am dass sie er "
                    "es hat haben".split()),
    "en": frozenset("the and is are was were of to in that it for on with as by at this from "
                    "be have has not an or which will would their they he she".split()),
    "fr": frozenset("le la les et est des du un une que qui pour dans sur pas avec ce il elle "
                    "au aux son ses ont été sont".split()),
    "es": frozenset("el la los las y es de del que en un una por con para se su no al lo "
                    "como más".split()),
    "it": frozenset("il la le e di che è per un una non con del della sono gli nel alla "
                    "anche come".split()),
    "nl": frozenset("de het een en van is dat op te in met zijn voor niet aan er ook als bij "
                    "werd worden".split()),
    "pl": frozenset("i w na z że się nie do to jest o jak po przez dla od oraz jego które "
                    "został".split()),
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def detect_language(text: str) -> tuple[str, float]:
    """(language code, confidence 0..1). Unknown or too little text: ('und', 0.0)."""
    sample = text[:20000]
    letters = [ch for ch in sample if ch.isalpha()]
    if not letters:
        return "und", 0.0
    cyrillic = sum(1 for ch in letters if "\u0400" <= ch <= "\u04ff")
    if cyrillic / len(letters) > 0.3:
        uk = sum(sample.count(ch) for ch in "іїєґІЇЄҐ")
        return ("uk" if uk > 2 else "ru"), cyrillic / len(letters)
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < 3:
        return "und", 0.0
    scores = {lang: sum(1 for w in words if w in stop) for lang, stop in PROFILES.items()}
    best = max(scores, key=lambda k: scores[k])
    hits = scores[best]
    if hits == 0:
        return "und", 0.0
    second = max(v for k, v in scores.items() if k != best)
    confidence = (hits - second) / hits
    if hits < 2 or confidence < 0.2:
        return "und", confidence
    return best, confidence
