"""The CTranslate2 compute type, chosen as argostranslate ≥ 1.11.1 chooses it.

argostranslate 1.11.1 (argos-translate PR #511, commit "Allow compute_type override, but
don't set on auto") stopped passing ``compute_type="auto"``: a real package produced endless
``mainstre@@...`` output with it. Its setting ARGOS_COMPUTE_TYPE (environment, then
settings.json) is passed only when it is not "auto"; otherwise CTranslate2 keeps the type
the model was saved with ("default"). defnews does the same, overridable with
``--compute-type`` or DEFNEWS_COMPUTE_TYPE; the choice is part of translation-memory keys.
"""

from __future__ import annotations

import os

from defnews import paths
from defnews.errors import InputError

DEFAULT = "default"  # CTranslate2's own default: the type the model was saved with
CHOICES = ("default", "auto", "int8", "int8_float32", "int8_float16", "int8_bfloat16",
           "int16", "float16", "bfloat16", "float32")


def _checked(value: str, origin: str) -> str:
    value = value.strip().lower()
    if value not in CHOICES:
        shown = repr(value) if len(value) <= 40 else repr(value[:37] + "...")
        raise InputError(f"{origin} {shown} is not a CTranslate2 compute type; "
                         f"choose one of {', '.join(CHOICES)}")
    return value


def choose(flag: str | None = None) -> str:
    """--compute-type > DEFNEWS_COMPUTE_TYPE > Argos's ARGOS_COMPUTE_TYPE (unless "auto")
    > "default". Empty values count as unset."""
    if flag:
        return _checked(flag, "--compute-type")
    if value := os.environ.get("DEFNEWS_COMPUTE_TYPE", "").strip():
        return _checked(value, "DEFNEWS_COMPUTE_TYPE")
    argos = (paths.argos_setting("ARGOS_COMPUTE_TYPE") or "").strip()
    if argos and argos.lower() != "auto":
        return _checked(argos, "ARGOS_COMPUTE_TYPE")
    return DEFAULT
