"""Errors the CLI turns into one clear line and an exit code (never a traceback)."""

from __future__ import annotations

EXIT_RUNTIME = 1  # the job could not be done (model broken, store unusable, ...)
EXIT_USAGE = 2  # the user's input or arguments are wrong


class DefnewsError(Exception):
    """An error with a message meant for the user and the fix in it."""

    exit_code = EXIT_RUNTIME

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.line()

    def line(self) -> str:
        """Message and fix as one line: ``glossary g.csv:2: ...; check it with: ...``."""
        return with_hint(self.message, self.hint)


def with_hint(message: str, hint: str | None) -> str:
    """`message` followed by its fix on the same line (a hint may be written over several
    lines for a listing; here its whitespace is folded)."""
    hint = " ".join((hint or "").split())
    if not hint:
        return message
    message = message.rstrip()
    if message.endswith(":"):
        return f"{message} {hint}"
    if hint[:1].isupper() and hint[1:2].islower():  # "Check it" -> "check it", not "DEFNEWS_"
        hint = hint[0].lower() + hint[1:]
    return f"{message.rstrip('.')}; {hint}"


class InputError(DefnewsError):
    """Bad input file, bad arguments: exit 2."""

    exit_code = EXIT_USAGE


class ModelError(DefnewsError):
    """No usable translation model: exit 1."""


class ModelMissingError(ModelError):
    """No German→English package is installed."""


class PackageError(DefnewsError):
    """A .argosmodel file that cannot be installed: exit 2 (the file is the input)."""

    exit_code = EXIT_USAGE


class NetworkError(DefnewsError):
    """Network needed but forbidden (--offline) or unreachable."""


_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\", "'": "\\'"}


def shown(name: object) -> str:
    """A file name (or any user-given text) as one safe line in a message.

    Plain names are shown as they are; a name with a newline, an escape sequence or
    another invisible character is quoted with those characters escaped, so it can
    neither break the message into lines nor drive the terminal. Bytes that were not
    valid in the file system's encoding appear as \\xNN.
    """
    text = str(name)
    if text.isprintable() and text.strip() == text and text and "'" not in text:
        return text
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif "\udc80" <= ch <= "\udcff":  # a byte os.fsdecode could not decode
            out.append(f"\\x{ord(ch) - 0xDC00:02x}")
        elif ch.isprintable() or ch == " ":
            out.append(ch)
        elif ord(ch) < 0x100:
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(f"\\u{ord(ch):04x}" if ord(ch) < 0x10000 else f"\\U{ord(ch):08x}")
    return "'" + "".join(out) + "'"
