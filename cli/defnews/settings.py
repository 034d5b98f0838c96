"""Numeric and text settings from flags and DEFNEWS_* variables, checked against their ranges.

Every number a user can set goes through `parse_int` or `parse_float`: nan, inf, 1e400,
negative or absurdly large values give one line naming the setting and its range (exit 2)
instead of a crash deep inside the run. An empty variable means "not set".
"""

from __future__ import annotations

import math
import os

from defnews.errors import InputError, shown

# Ranges of the settings defnews reads from the environment (and their defaults).
MAX_INPUT_MB = ("DEFNEWS_MAX_INPUT_MB", 20.0, 0.001, 1024.0)
MAX_LENGTH_RATIO = ("DEFNEWS_MAX_LENGTH_RATIO", 2.0, 0.0, 100.0)
STORE_WAIT = ("DEFNEWS_STORE_WAIT", 60.0, 0.0, 86400.0)
BEAM_SIZE_RANGE = (1, 16)
RATIO_RANGE = (0.01, 1.0)  # share of sentences --ratio keeps (the summariser needs > 0)


def _range_text(lo: float, hi: float) -> str:
    return f"from {lo:g} to {hi:g}"


def parse_float(name: str, raw: str | float, lo: float, hi: float) -> float:
    """`raw` as a finite float within [lo, hi], or an InputError naming `name` and the range."""
    try:
        value = float(raw.strip()) if isinstance(raw, str) else float(raw)
    except (ValueError, OverflowError):
        value = math.nan
    if not math.isfinite(value) or not lo <= value <= hi:
        raise InputError(f"{name} must be a number {_range_text(lo, hi)}; got {shown(raw)}")
    return value


def parse_int(name: str, raw: str | int, lo: int, hi: int) -> int:
    """`raw` as a whole number within [lo, hi], or an InputError naming `name` and the range."""
    value: int | None
    if isinstance(raw, int) and not isinstance(raw, bool):
        value = raw
    else:
        text = str(raw).strip()
        value = int(text) if text.lstrip("+-").isdigit() and len(text) <= 30 else None
    if value is None or not lo <= value <= hi:
        raise InputError(f"{name} must be a whole number {_range_text(lo, hi)}; got {shown(raw)}")
    return value


def env_text(name: str) -> str | None:
    """A DEFNEWS_* variable's text, or None when it is unset or empty (only blanks)."""
    value = os.environ.get(name)
    if value is None or not value.strip():
        return None
    return value.strip()


def env_float(name: str, default: float, lo: float, hi: float) -> float:
    raw = env_text(name)
    return default if raw is None else parse_float(name, raw, lo, hi)


def env_int(name: str, default: int, lo: int, hi: int) -> int:
    raw = env_text(name)
    return default if raw is None else parse_int(name, raw, lo, hi)


def max_input_bytes() -> int:
    """Largest input defnews reads (DEFNEWS_MAX_INPUT_MB, default 20 MB)."""
    name, default, lo, hi = MAX_INPUT_MB
    return int(env_float(name, default, lo, hi) * 1024 * 1024)


def max_length_ratio() -> float:
    """Output tokens allowed per input token (DEFNEWS_MAX_LENGTH_RATIO, default 2; 0: off)."""
    name, default, lo, hi = MAX_LENGTH_RATIO
    return env_float(name, default, lo, hi)


def store_wait() -> float:
    """Seconds to wait for another process's write lock on the store (DEFNEWS_STORE_WAIT,
    default 60) before a run goes on without its translation memory."""
    name, default, lo, hi = STORE_WAIT
    return env_float(name, default, lo, hi)


def device() -> str | None:
    """DEFNEWS_DEVICE (auto, cpu or cuda); None when unset or empty."""
    raw = env_text("DEFNEWS_DEVICE")
    if raw is None:
        return None
    if raw.lower() not in {"auto", "cpu", "cuda"}:
        raise InputError(f"DEFNEWS_DEVICE must be auto, cpu or cuda; got {shown(raw)}")
    return raw.lower()


def max_threads() -> int:
    """The most CPU threads --threads accepts: 64, or four per core on bigger machines,
    and fewer under an address-space limit (ulimit -v).

    CTranslate2 starts one OS thread each, and each may reserve a stack and a malloc arena;
    past what the limit allows it aborts in C++ (measured with the test package: 256 threads
    abort under 3 GB, 64 under 1.5 GB; 128, 32 and 12 run under 3, 1.5 and 1.2 GB). The cap
    leaves 1 GiB for the model and the run and 16 MiB per thread.
    """
    cap = max(64, 4 * (os.cpu_count() or 1))
    limit = _address_space_limit()
    if limit is not None:
        cap = min(cap, max(1, (limit - (1 << 30)) // (16 << 20)))
    return cap


def _address_space_limit() -> int | None:
    try:
        import resource

        soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    except (ImportError, OSError, ValueError):
        return None
    return None if soft == resource.RLIM_INFINITY or soft < 0 else int(soft)


def threads(raw: str | int) -> int:
    """--threads (or DEFNEWS_THREADS): 0 for every core, up to max_threads()."""
    try:
        return parse_int("--threads", raw, 0, max_threads())
    except InputError as exc:
        if _address_space_limit() is not None:
            exc.hint = "The address-space limit (ulimit -v) leaves room for that many."
        raise


def beam_size(raw: str | int) -> int:
    return parse_int("--beam-size", raw, *BEAM_SIZE_RANGE)


def ratio(raw: str | float) -> float:
    return parse_float("--ratio", raw, *RATIO_RANGE)
