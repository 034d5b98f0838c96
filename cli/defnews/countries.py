"""Countries named in German news text, by country, capital or adjective (for digest headers)."""

from __future__ import annotations

import re
from functools import lru_cache

# English country name → German stems that refer to it (country, capital, adjective).
COUNTRY_STEMS: dict[str, tuple[str, ...]] = {
    "Iran": ("Iran", "Teheran"),
    "Belarus": ("Belarus", "Weißrussland", "Weissrussland", "belarussisch", "weißrussisch",
                "Minsk"),
    "Russia": ("Russland", "russisch", "Moskau", "Kreml"),
    "Ukraine": ("Ukraine", "ukrainisch", "Kiew", "Kyjiw"),
    "Germany": ("Deutschland", "deutsch", "Berlin", "Bundesregierung", "Bundeswehr"),
    "Poland": ("Polen", "polnisch", "Warschau"),
    "United States": ("USA", "Vereinigte Staaten", "amerikanisch", "US-", "Washington"),
    "China": ("China", "chinesisch", "Peking"),
    "France": ("Frankreich", "französisch", "Paris"),
    "United Kingdom": ("Großbritannien", "britisch", "London", "Vereinigtes Königreich"),
    "Lithuania": ("Litauen", "litauisch", "Vilnius", "Wilna"),
    "Latvia": ("Lettland", "lettisch", "Riga"),
    "Estonia": ("Estland", "estnisch", "Tallinn"),
    "North Korea": ("Nordkorea", "nordkoreanisch", "Pjöngjang"),
    "Israel": ("Israel", "israelisch", "Jerusalem"),
    "Turkey": ("Türkei", "türkisch", "Ankara"),
    "Finland": ("Finnland", "finnisch", "Helsinki"),
    "Sweden": ("Schweden", "schwedisch", "Stockholm"),
    "Norway": ("Norwegen", "norwegisch", "Oslo"),
    "Syria": ("Syrien", "syrisch", "Damaskus"),
    "India": ("Indien", "indisch", "Neu-Delhi"),
    "Kazakhstan": ("Kasachstan", "kasachisch", "Astana"),
    "Moldova": ("Moldau", "moldauisch", "Chisinau"),
    "Georgia": ("Georgien", "georgisch", "Tiflis"),
    "Armenia": ("Armenien", "armenisch", "Eriwan"),
    "Azerbaijan": ("Aserbaidschan", "aserbaidschanisch", "Baku"),
}


@lru_cache(maxsize=1)
def _pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    lookup: dict[str, str] = {}
    for country, stems in COUNTRY_STEMS.items():
        for stem in stems:
            lookup[stem.lower()] = country
    alternatives = sorted(lookup, key=len, reverse=True)
    # Adjectives and names take endings (russische, Irans, Moskaus): allow a short suffix.
    pattern = re.compile(
        r"(?<![\w-])(" + "|".join(re.escape(a) for a in alternatives) + r")(?:[a-zäöü]{0,3})\b",
        re.IGNORECASE,
    )
    return pattern, lookup


def country_mentions(text: str) -> list[str]:
    """Countries mentioned in a German text, most mentioned first."""
    pattern, lookup = _pattern()
    counts: dict[str, int] = {}
    for m in pattern.finditer(text):
        country = lookup[m.group(1).lower()]
        counts[country] = counts.get(country, 0) + 1
    return sorted(counts, key=lambda c: (-counts[c], c))
