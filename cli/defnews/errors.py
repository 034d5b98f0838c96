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
        return self.message if not self.hint else f"{self.message}\n{self.hint}"


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
