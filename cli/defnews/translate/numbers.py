"""Numbers of a German sentence that its English lacks (the `numbers` flag).

A figure, a year or a unit's number changed by the model is the one mistake an analyst
cannot see without the German, so every number of the source must be in the output, in any
form an English translation writes it:

- separators: 29,5 = 29.5 (and 29.2 is not: a decimal is one number); 1.000 = 1,000 = 1000;
- a numeric date's month may become a name (24.02.2022 = 24 February 2022);
- a clock time may go to the 12-hour clock, its ":00" dropped (19 Uhr = 7 PM, 14:00 = 2 PM);
- a small number or ordinal may be written as a word (3 Versuche = three attempts, der
  90-Jährige = the ninety-year-old, 2. Weltkrieg = Second World War);
- the currency, percentage or magnitude written beside a number must be there too, in an
  English form (2,9 Mrd. € = €2.9bn = 2.9 billion euros; 4 Prozent = 4% = 4 per cent).

Measured on the 1,984 WMT22 German sentences and their human English references
(bench/number_flag_eval.py): the check flags 1 % of the human translations of sentences that
hold a number (reading a model's garbled numbers is what it is for).
"""

from __future__ import annotations

import re

# A number: digits, with a decimal part after a comma (German) or a full stop (English).
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
# Thousands separators: a German full stop or space (narrow or not), an English comma.
_GERMAN_THOUSANDS = re.compile(r"(?<=\d)[. \u00a0\u202f](?=\d{3}(?!\d))")
_ENGLISH_THOUSANDS = re.compile(r"(?<=\d)[, \u00a0\u202f](?=\d{3}(?!\d))")
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})?(?!\d)")
# 19 Uhr, 19.15 Uhr, 14:03, 15h
_CLOCK = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*(?:Uhr\b|h\b)|\b(\d{1,2}):(\d{2})\b")
_MONTHS = ("Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez")
_ORDINAL = re.compile(r"(?<![\d.,])(\d{1,2})\.\s+(?=[A-ZÄÖÜ])(?!" + "|".join(_MONTHS) + ")")

_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
          "fourteen fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORDINALS = {1: "first", 2: "second", 3: "third", 5: "fifth", 8: "eighth", 9: "ninth",
             12: "twelfth"}


def _words(n: int) -> set[str]:
    """English words for n (0-99), cardinal and ordinal: {'twenty-one', 'twenty-first'}."""
    if n < 20:
        cardinal = _UNITS[n]
        ordinal = _ORDINALS.get(n, cardinal + "th")
    else:
        tens, unit = divmod(n, 10)
        cardinal = _TENS[tens - 2] + (f"-{_UNITS[unit]}" if unit else "")
        ordinal = (_TENS[tens - 2] + "-" + _ORDINALS.get(unit, _UNITS[unit] + "th") if unit
                   else _TENS[tens - 2][:-1] + "ieth")
    return {cardinal, ordinal}


def _normal(number: str) -> str:
    """'29,5' and '29.5' → '29.5'; '07' → '7'."""
    whole, _, part = number.replace(",", ".").partition(".")
    return (whole.lstrip("0") or "0") + (f".{part}" if part else "")


def _forms(number: str) -> set[str]:
    """What may stand for `number` in English: its digits (29,5 as 29.5), and the words of
    a whole number up to 99."""
    normal = _normal(number)
    return {normal} | (_words(int(normal)) if normal.isdigit() and int(normal) < 100
                       else set())


def _requirements(source: str) -> list[tuple[str, set[str]]]:
    """Each number of the German sentence as (shown, the forms that satisfy it)."""
    text = _GERMAN_THOUSANDS.sub("", source)
    needs: list[tuple[str, set[str]]] = []

    def clock(m: re.Match[str]) -> str:
        hour, minute = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        h = int(hour)
        needs.append((hour, {str(h), str(h % 12 or 12)}))
        if minute and int(minute):
            needs.append((minute, {minute, str(int(minute))}))
        return " "

    text = _CLOCK.sub(clock, text)
    # A numeric date keeps its day and year; its month may come back as a name.
    text = _NUMERIC_DATE.sub(lambda m: f" {m.group(1)} {m.group(3) or ''} "
                             if int(m.group(2) or 0) <= 12 else m.group(0), text)
    text = _ORDINAL.sub(lambda m: f" {m.group(1)} ", text)
    needs.extend((d, _forms(d)) for d in _NUMBER.findall(text))
    return needs


# What a number counts, written beside it: a currency, a percentage, a magnitude. "2,9 Mrd.
# €" that comes back as "2.9" or "2.9 million" is a wrong figure. Each German form with the
# English forms that keep it (matched in lower case; "5m" and "5bn" as written in English).
_QUANTITIES: tuple[tuple[str, str, str], ...] = (
    ("€", r"€|Euro\b|EUR\b", r"€|\beuros?\b|\beur\b"),
    ("$", r"\$|US-Dollar\b|Dollar\b|USD\b", r"\$|\bdollars?\b|\busd\b"),
    ("%", r"%|Prozent\b", r"%|\bper ?cent\b|\bpercentage\b"),
    ("Mrd.", r"Mrd\.|Milliarden?\b", r"\bbillions?\b|\d\s?bn\b|\bbln\b"),
    ("Mio.", r"Mio\.|Millionen?\b", r"\bmillions?\b|\d\s?(?:m|mn|mln)\b"),
)
# A currency may follow the magnitude ("29,5 Millionen Euro", "2,9 Mrd. €").
_MAGNITUDE = r"(?:(?:Mrd\.|Milliarden?|Mio\.|Millionen?)\s*)?"
_QUANTITY_NEXT_TO_NUMBER = [
    (shown, re.compile(rf"\d\s*{_MAGNITUDE}(?:{german})|(?:{german})\s*\d"),
     re.compile(english))
    for shown, german, english in _QUANTITIES]


def missing_numbers(source: str, output: str) -> list[str]:
    """Numbers of the German sentence that the English does not have, in order, once each,
    then the currencies, percentages and magnitudes written beside them that it lacks."""
    english = _ENGLISH_THOUSANDS.sub("", output)
    numbers = _NUMBER.findall(english)
    # A decimal counts as itself and as its parts ("Version 4.5" has the 4 of "4.5.").
    have = {_normal(d) for d in numbers} | {
        _normal(x) for d in numbers for x in re.split(r"[.,]", d)} | {
        w.lower() for w in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)?", english)}
    # "ninety-year-old" holds "ninety"; "twenty-first" is one word.
    have |= {part for w in list(have) for part in w.split("-")}
    missing = [shown for shown, forms in _requirements(source) if not forms & have]
    lower = output.lower()
    missing += [shown for shown, german, english in _QUANTITY_NEXT_TO_NUMBER
                if german.search(source) and not english.search(lower)]
    return list(dict.fromkeys(missing))
