"""The options several commands share: one definition each, and where each value comes from.

Precedence, strongest first: the flag, a ``DEFNEWS_*`` environment variable, the config file
(``~/.config/defnews/config.toml``), the built-in default. Flags default to ``None`` so that an
option the user did not give can be told from one given with its default value.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import typer

from defnews.errors import InputError

# ------------------------------------------------------------------ option definitions

MODEL = typer.Option(None, "--model", "-m",
                     help="Package folder or installed package name (default: DEFNEWS_MODEL, "
                     "the config file, or the installed de→en package).")
GLOSSARY = typer.Option(None, "--glossary", "-g",
                        help="Extra glossary file (TSV/CSV, de→en); repeatable, later wins.")
DEFAULT_GLOSSARY = typer.Option(None, "--default-glossary/--no-default-glossary",
                                help="Use the shipped and user glossaries \\[default: yes].",
                                show_default=False)
NO_GLOSSARY = typer.Option(False, "--no-glossary", help="Turn glossary handling off.")
CACHE = typer.Option(None, "--cache/--no-cache",
                     help="Read and write the translation memory \\[default: yes].",
                     show_default=False)
OFFLINE = typer.Option(None, "--offline/--online",
                       help="Forbid all network access (also DEFNEWS_OFFLINE=1) "
                       "\\[default: online].",
                       show_default=False)
DEVICE = typer.Option(None, "--device", help="cpu, cuda or auto (also DEFNEWS_DEVICE) "
                      "[default: auto].", show_default=False)
THREADS = typer.Option(None, "--threads", min=0,
                       help="CPU threads, 0 for all cores (also DEFNEWS_THREADS) \\[default: 0].",
                       show_default=False)
BEAM_SIZE = typer.Option(None, "--beam-size", min=1, max=16,
                         help="Beam size for decoding (also DEFNEWS_BEAM_SIZE) \\[default: 4].",
                         show_default=False)
COMPUTE_TYPE = typer.Option(None, "--compute-type",
                             help="CTranslate2 compute type: default (the model's own), int8, "
                             "float32... (also DEFNEWS_COMPUTE_TYPE) \\[default: default].",
                             show_default=False)
QUIET = typer.Option(None, "--quiet/--no-quiet", "-q",
                     help="No progress bar or notes on stderr \\[default: no].", show_default=False)
JSON = typer.Option(False, "--json", help="Machine-readable output (JSON).")


def share(value: float | None) -> float | None:
    """Option callback for a share of sentences: above 0 (a summary of none is no summary)
    and at most 1; click's ranges cannot say "above 0" in typer and let nan through."""
    finite(value)
    if value is not None and not 0 < value <= 1:
        raise typer.BadParameter(f"{value:g} is not in the range 0<x<=1 (0.3 keeps "
                                 "three tenths of the sentences)")
    return value


RATIO = typer.Option(None, "--ratio", callback=share, show_default=False,
                     help="Keep this share of sentences instead of -n (above 0, at most 1).")


def finite(value: float | None) -> float | None:
    """Option callback: click's ranges let nan through (every comparison with nan is false)."""
    if value is not None and not math.isfinite(value):
        raise typer.BadParameter(f"{value} is not a number")
    return value


# ------------------------------------------------------------------ settings and sources


@dataclass(frozen=True)
class SettingSpec:
    name: str  # key in the config file and in `config show`
    env: str | None  # environment variable
    kind: str  # str | int | bool | paths
    default: Any
    help: str
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()


SPECS: tuple[SettingSpec, ...] = (
    SettingSpec("model", "DEFNEWS_MODEL", "str", None, "translation package (name or folder)"),
    SettingSpec("device", "DEFNEWS_DEVICE", "str", "auto", "cpu, cuda or auto",
                choices=("auto", "cpu", "cuda")),
    SettingSpec("threads", "DEFNEWS_THREADS", "int", 0, "CPU threads (0: all cores)", 0, 256),
    SettingSpec("beam_size", "DEFNEWS_BEAM_SIZE", "int", 4, "beam size", 1, 16),
    SettingSpec("compute_type", "DEFNEWS_COMPUTE_TYPE", "str", None,
                "CTranslate2 compute type (none: as argostranslate chooses)",
                choices=("default", "auto", "int8", "int8_float32", "int8_float16",
                         "int8_bfloat16", "int16", "float16", "bfloat16", "float32")),
    SettingSpec("offline", "DEFNEWS_OFFLINE", "bool", False, "forbid network access"),
    SettingSpec("cache", "DEFNEWS_CACHE", "bool", True, "use the translation memory"),
    SettingSpec("quiet", "DEFNEWS_QUIET", "bool", False, "no progress bar or notes"),
    SettingSpec("default_glossary", "DEFNEWS_DEFAULT_GLOSSARY", "bool", True,
                "use the shipped and user glossaries"),
    SettingSpec("glossary", None, "paths", [], "extra glossary files (config file only)"),
)
_BY_NAME = {s.name: s for s in SPECS}
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}
MAX_SETTING_CHARS = 4096  # a model name or path longer than this is a mistake, not a name


def config_path() -> Path:
    from defnews import paths

    return paths.config_dir() / "config.toml"


def _convert(spec: SettingSpec, raw: Any, origin: str) -> Any:
    """A value from the environment or the config file, checked against its spec."""
    where = f"{origin}: {spec.name.replace('_', ' ')}"
    if spec.kind == "bool":
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise InputError(f"{where} wants true or false, not {_shown(raw)}")
    if spec.kind == "int":
        if isinstance(raw, bool):
            raise InputError(f"{where} wants a whole number, not {_shown(raw)}")
        try:
            number = float(raw) if isinstance(raw, float) else int(str(raw).strip())
        except (TypeError, ValueError):
            raise InputError(f"{where} wants a whole number, not {_shown(raw)}") from None
        if not math.isfinite(number) or number != int(number) or not (
                spec.low is None or spec.low <= number) or not (
                spec.high is None or number <= spec.high):
            raise InputError(f"{where} wants a whole number from {spec.low:g} to "
                             f"{spec.high:g}, not {_shown(raw)}")
        return int(number)
    if spec.kind == "paths":
        items = raw if isinstance(raw, list) else [raw]
        if not all(isinstance(i, str) and i for i in items):
            raise InputError(f"{where} wants a list of file names")
        return [Path(i).expanduser() for i in items]
    if not isinstance(raw, str):
        raise InputError(f"{where} wants text, not {_shown(raw)}")
    if len(raw) > MAX_SETTING_CHARS or "\0" in raw:
        raise InputError(f"{where} is not a usable value ({len(raw)} characters)")
    value = raw.strip()
    if spec.choices and value.lower() not in spec.choices:
        raise InputError(f"{where} wants one of {', '.join(spec.choices)}, not {_shown(raw)}")
    return value.lower() if spec.choices else value


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def read_config(path: Path | None = None) -> dict[str, Any]:
    """The config file's settings ({} when there is none)."""
    path = path or config_path()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return {}
    except IsADirectoryError:
        raise InputError(f"config file {path} is a folder") from None
    except OSError as exc:
        raise InputError(f"cannot read config file {path}: {exc.strerror or exc}") from None
    if len(data) > 1024 * 1024:
        raise InputError(f"config file {path} is over 1 MB; it holds a few settings")
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        raise InputError("reading the config file needs Python 3.11 or later") from None
    try:
        table = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"config file {path} is not valid TOML: {exc}") from None
    unknown = sorted(set(table) - set(_BY_NAME))
    if unknown:
        raise InputError(f"config file {path}: unknown setting {unknown[0]!r}",
                         hint="Known settings: " + ", ".join(s.name for s in SPECS))
    return table


@dataclass
class Settings:
    """The effective value of every shared setting and where it came from."""

    values: dict[str, Any] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Any:
        return self.values[name]


def resolve(flags: dict[str, Any] | None = None, *, config: Path | None = None) -> Settings:
    """Every shared setting: flag > DEFNEWS_* variable > config file > built-in default.

    `flags` holds the command's options by setting name; None means "not given".
    """
    flags = flags or {}
    file_values: dict[str, Any] | None = None
    settings = Settings()
    for spec in SPECS:
        given = flags.get(spec.name)
        if given is not None and not (spec.kind == "paths" and not given):
            flag = "--" + spec.name.replace("_", "-")
            settings.values[spec.name] = _convert(spec, given, flag) if spec.choices else given
            settings.sources[spec.name] = "flag"
            continue
        raw_env = os.environ.get(spec.env) if spec.env else None
        if raw_env is not None and raw_env.strip() != "":  # an empty variable means unset
            settings.values[spec.name] = _convert(spec, raw_env, spec.env or "")
            settings.sources[spec.name] = f"env {spec.env}"
            continue
        if file_values is None:
            file_values = read_config(config)
        path = config or config_path()
        if spec.name in file_values:
            settings.values[spec.name] = _convert(spec, file_values[spec.name], str(path))
            settings.sources[spec.name] = f"config {path}"
            continue
        settings.values[spec.name] = spec.default
        settings.sources[spec.name] = "default"
    # More threads than the machine (or its address-space limit) allows abort CTranslate2
    # in C++: the cap is the numeric-settings parser's.
    from defnews import settings as numeric

    settings.values["threads"] = numeric.threads(settings.values["threads"])
    return settings


def from_parameters(parameters: dict[str, Any]) -> Settings:
    """resolve() for a command: its parameters named like a shared setting are the flags."""
    return resolve({k: v for k, v in parameters.items() if k in _BY_NAME})


def apply_offline(settings: Settings) -> None:
    """Make --offline (from any source) a guarantee every stage sees."""
    if settings["offline"]:
        os.environ["DEFNEWS_OFFLINE"] = "1"


def engine_options(settings: Settings) -> Any:
    from defnews import compute_type
    from defnews.translate import EngineOptions

    return EngineOptions(beam_size=settings["beam_size"], device=settings["device"],
                         threads=settings["threads"],
                         compute_type=compute_type.choose(settings["compute_type"]))


def glossary(settings: Settings, no_glossary: bool) -> Any:
    """The glossary the settings ask for (None when turned off)."""
    if no_glossary:
        return None
    from defnews.glossary import load_glossary

    use_default = bool(settings["default_glossary"])
    return load_glossary(list(settings["glossary"]), use_default=use_default,
                         use_user=use_default)
