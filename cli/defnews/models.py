"""Argos Translate packages: find them as argostranslate does, pick the one to translate with.

The package format and index are Argos Translate's: a zip (``.argosmodel``) holding one
folder with ``metadata.json``, a CTranslate2 ``model/`` and a tokenizer
(``sentencepiece.model``, or ``bpe.model`` for OPUS-MT ports). Installed packages live in
Argos Translate's own package folder (found as argostranslate finds it, see
``paths.packages_dir``), so packages installed with ``argospm`` are found too, and the other
way round.

The active package is the one the user last installed or chose (``models use``), else the
newest that loads; a package that cannot load is skipped with one warning, never fatal
while another works. Installing and removing are in ``models_install``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from defnews import paths
from defnews.errors import (
    DefnewsError,
    InputError,
    ModelError,
    ModelMissingError,
    PackageError,
)
from defnews.models_state import active_name, set_active

SOURCE_LANG = "de"
TARGET_LANG = "en"
MAX_METADATA_BYTES = 1 << 20  # real metadata.json files are under 2 KB
MAX_NAME_CHARS = 255  # longer --model / DEFNEWS_MODEL values cannot name anything

INSTALL_HINT = (
    "Install the German→English package with:\n"
    "  defnews models install\n"
    "or, on a machine without network, from a downloaded file:\n"
    "  defnews models install --file translate-de_en-1_0.argosmodel"
)


@dataclass
class InstalledModel:
    path: Path
    metadata: dict[str, Any] = field(default_factory=dict)
    broken: str | None = None  # why the folder is not a readable package (bad metadata)
    _identity: str | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def from_code(self) -> str:
        return str(self.metadata.get("from_code", ""))

    @property
    def to_code(self) -> str:
        return str(self.metadata.get("to_code", ""))

    @property
    def version(self) -> str:
        return str(self.metadata.get("package_version", ""))

    @property
    def target_prefix(self) -> str:
        return str(self.metadata.get("target_prefix", "") or "")

    @property
    def model_dir(self) -> Path:
        return self.path / "model"

    @property
    def sp_model(self) -> Path:
        return self.path / "sentencepiece.model"

    @property
    def bpe_model(self) -> Path:
        return self.path / "bpe.model"

    @property
    def tokenizer_file(self) -> Path:
        """The tokenizer argostranslate uses: SentencePiece if present, else BPE."""
        return self.sp_model if self.sp_model.is_file() or not self.bpe_model.is_file() \
            else self.bpe_model

    @property
    def file_name(self) -> str:
        """Argos's file and index name for this package, e.g. ``translate-de_en-1_0``."""
        version = self.version.replace(".", "_") or "1_0"
        return f"translate-{self.from_code}_{self.to_code}-{version}"

    def version_key(self) -> tuple[int, ...]:
        parts = self.version.replace("_", ".").split(".")
        return tuple(int(p) if p.isdigit() else 0 for p in parts)

    def identity(self) -> str:
        """A cheap fingerprint of the model files: it keys the translation memory.

        Hashes metadata, the tokenizer, the model's size and its first and last MiB,
        so a changed model never serves old translations, without reading 100 MB.
        Computed once per instance: every translation-memory lookup and digest entry needs it.
        """
        if self._identity is None:
            self._identity = self._fingerprint()
        return self._identity

    def _fingerprint(self) -> str:
        h = hashlib.sha256()
        h.update(json.dumps(self.metadata, sort_keys=True).encode())
        for f in sorted(self.model_dir.iterdir()) if self.model_dir.is_dir() else []:
            if not f.is_file():
                continue
            size = f.stat().st_size
            h.update(f"{f.name}:{size}".encode())
            with f.open("rb") as fh:
                h.update(fh.read(1 << 20))
                if size > 2 << 20:
                    fh.seek(-(1 << 20), os.SEEK_END)
                    h.update(fh.read(1 << 20))
        if self.tokenizer_file.is_file():
            h.update(self.tokenizer_file.read_bytes())
        return h.hexdigest()[:16]

    def problems(self) -> list[str]:
        """Why this package cannot translate (empty when it loads)."""
        if self.broken:
            return [self.broken]
        out = []
        model_bin = self.model_dir / "model.bin"
        if not model_bin.is_file():
            out.append("model/model.bin is missing")
        elif not any((self.model_dir / f"{kind}_vocabulary.{ext}").is_file()
                     for kind in ("shared", "source") for ext in ("json", "txt")):
            out.append("the model has no vocabulary file")
        if not self.sp_model.is_file() and not self.bpe_model.is_file():
            out.append("sentencepiece.model (or bpe.model) is missing")
        elif problem := _tokenizer_problem(self.tokenizer_file):
            out.append(problem)
        return out


def _tokenizer_problem(path: Path) -> str | None:
    """Whether the tokenizer file loads (a SentencePiece model parses; BPE codes are text)."""
    try:
        if path.name == "sentencepiece.model":
            import sentencepiece

            sentencepiece.SentencePieceProcessor(model_file=str(path))
        else:
            with path.open("rb") as fh:
                fh.read(4096).decode("utf-8")
    except UnicodeDecodeError:
        return f"{path.name} is not a text file of BPE merges"
    except (OSError, RuntimeError) as exc:
        first = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        return f"{path.name} cannot be loaded ({first})"
    return None


def read_metadata(package_dir: Path) -> dict[str, Any]:
    """metadata.json as a dict, or a PackageError saying what is wrong (bounded, no crash
    on a folder, a huge file or JSON nested 100,000 deep)."""
    meta_path = package_dir / "metadata.json"
    name = package_dir.name
    try:
        with meta_path.open("rb") as fh:
            raw = fh.read(MAX_METADATA_BYTES + 1)
    except FileNotFoundError as exc:
        raise PackageError(f"{name}: metadata.json is missing") from exc
    except IsADirectoryError as exc:
        raise PackageError(f"{name}: metadata.json is a folder, not a file") from exc
    except OSError as exc:
        raise PackageError(f"{name}: metadata.json cannot be read ({exc.strerror or exc})") \
            from exc
    if len(raw) > MAX_METADATA_BYTES:
        raise PackageError(f"{name}: metadata.json is over {MAX_METADATA_BYTES >> 10} KB")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PackageError(f"{name}: metadata.json is not valid JSON ({exc})") from exc
    except RecursionError as exc:
        raise PackageError(f"{name}: metadata.json is nested too deeply") from exc
    if not isinstance(data, dict):
        raise PackageError(f"{name}: metadata.json must hold a JSON object")
    return data


def package_roots(packages_dir: Path | None = None) -> list[Path]:
    """The folders scanned for packages: the package folder (and the legacy one, read only)."""
    if packages_dir is not None:
        return [packages_dir]
    roots = [paths.packages_dir()]
    legacy = paths.legacy_packages_dir()
    if legacy is not None and legacy != roots[0]:
        roots.append(legacy)
    return roots


def installed_models(packages_dir: Path | None = None) -> list[InstalledModel]:
    """Every package folder (any language pair), unreadable ones with ``broken`` set.

    Like argostranslate, every non-hidden folder counts; a file, a hidden folder or an
    unreadable package folder never makes the listing fail.
    """
    models = []
    for root in package_roots(packages_dir):
        try:
            children = sorted(root.iterdir())
        except OSError:
            continue
        for child in children:
            try:
                if child.name.startswith(".") or not child.is_dir():
                    continue
            except OSError:
                continue
            try:
                models.append(InstalledModel(child, read_metadata(child)))
            except PackageError as exc:
                models.append(InstalledModel(child, {}, broken=exc.message))
    return models


def is_de_en(model: InstalledModel) -> bool:
    return (model.from_code, model.to_code) == (SOURCE_LANG, TARGET_LANG)


# ----------------------------------------------------------------- names and choice


def _shown(name: str) -> str:
    """A user-given name quoted for one line of output (control characters escaped)."""
    text = repr(name)
    return text if len(text) <= 60 else f"{text[:50]}...' ({len(name)} characters)"


def _pair_forms(from_code: str, to_code: str) -> set[str]:
    return {f"{from_code}_{to_code}", f"{from_code}-{to_code}", f"{from_code}→{to_code}",
            f"{from_code}2{to_code}", f"{from_code}:{to_code}",
            f"translate-{from_code}_{to_code}"}


def resolve_name(name: str, packages_dir: Path | None = None) -> InstalledModel:
    """The installed package NAME means: a folder path, the folder name, the package file or
    index name (``translate-de_en-1_0[.argosmodel]``) or the language pair (``de_en``,
    ``translate-de_en``), case-insensitive. Ambiguity is an error listing the candidates."""
    if len(name) > MAX_NAME_CHARS or "\0" in name:
        raise InputError(f"model name {_shown(name)} is not a package name or folder "
                         f"(over {MAX_NAME_CHARS} characters or holding a NUL)")
    candidate = Path(name).expanduser()
    try:
        if candidate.is_file():
            raise ModelError(f"{candidate} is a package file; install it first:",
                             hint=f"  defnews models install --file {candidate}")
        if candidate.is_dir() and (os.sep in name or name.startswith(".")):
            return _read(candidate)
    except OSError:
        pass
    wanted = name.strip().casefold().removesuffix(".argosmodel")
    models = installed_models(packages_dir)
    exact = [m for m in models if wanted in {m.name.casefold(), m.file_name.casefold()}]
    by_pair = [m for m in models if not m.problems() and wanted in _pair_forms(
        m.from_code.casefold(), m.to_code.casefold())]
    for found in (exact, by_pair):
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            listed = ", ".join(f"{m.name} (v{m.version})" for m in found)
            raise InputError(f"model name {_shown(name)} is ambiguous: {listed}",
                             hint="Name one of them by its folder name.")
    with contextlib.suppress(OSError):
        if candidate.is_dir():  # a package folder given by a relative path
            return _read(candidate)
    raise ModelMissingError(
        f"Model {_shown(name)} not found (neither a package folder nor an installed "
        "package's name, file name or language pair).",
        hint="See installed packages with: defnews models list",
    )


def _read(folder: Path) -> InstalledModel:
    try:
        return InstalledModel(folder, read_metadata(folder))
    except PackageError as exc:
        return InstalledModel(folder, {}, broken=exc.message)


_warned: set[str] = set()


def _warn_once(message: str) -> None:
    if message not in _warned:
        _warned.add(message)
        with contextlib.suppress(OSError, ValueError):
            sys.stderr.write(f"defnews: warning: {message}\n")


def choose(models: list[InstalledModel], active_name: str | None
           ) -> tuple[InstalledModel | None, list[InstalledModel]]:
    """(the package to use, the de→en packages skipped because they cannot load)."""
    pairs = [m for m in models if is_de_en(m) or (m.broken and not m.metadata)]
    usable = [m for m in pairs if is_de_en(m) and not m.problems()]
    broken = [m for m in pairs if m not in usable and (is_de_en(m) or m.broken)]
    chosen = next((m for m in usable if m.name == active_name), None)
    if chosen is None and usable:
        chosen = max(usable, key=InstalledModel.version_key)
    return chosen, broken


def find_model(model: str | Path | None = None, packages_dir: Path | None = None, *,
               warn: bool = True) -> InstalledModel:
    """The German→English package to translate with, or a ModelError that says how to fix.

    Packages that cannot load are skipped with one warning line on stderr (unless warn is
    False: `models list` and `doctor` show them in their own output)."""
    choice = str(model) if model else os.environ.get("DEFNEWS_MODEL") or None
    if choice:
        found = resolve_name(choice, packages_dir)
    else:
        root = packages_dir or paths.packages_dir()
        chosen, broken = choose(installed_models(packages_dir), active_name(root))
        if chosen is None and broken:
            raise ModelError(
                "No German→English package can load: " + "; ".join(
                    f"{m.name}: {', '.join(m.problems())}" for m in broken) + ".",
                hint="Reinstall one with: defnews models install --file PACKAGE.argosmodel")
        if chosen is None:
            raise ModelMissingError(
                f"No German→English translation model is installed (looked in {root}).",
                hint=INSTALL_HINT,
            )
        if broken and warn:
            _warn_once("skipping package(s) that cannot load: " + "; ".join(
                f"{m.name} ({', '.join(m.problems())})" for m in broken)
                + f"; using {chosen.name}")
        return chosen
    if problems := found.problems():
        raise ModelError(
            f"The model at {found.path} cannot load: {'; '.join(problems)}.",
            hint="Reinstall it with: defnews models install --file PACKAGE.argosmodel",
        )
    return found


def use(name: str, packages_dir: Path | None = None) -> InstalledModel:
    """``models use NAME``: make an installed package the active one."""
    root = packages_dir or paths.packages_dir()
    model = resolve_name(name, root)
    if not is_de_en(model):
        raise InputError(f"{model.name} translates {model.from_code}→{model.to_code}; "
                         "defnews needs German→English")
    if problems := model.problems():
        raise ModelError(f"{model.name} cannot load: {'; '.join(problems)}.")
    if model.path.parent != root:
        raise InputError(f"{model.path} is not in the package folder {root}")
    set_active(root, model.name)
    return model


def cleanup_staging() -> None:
    """For the CLI's signal handlers: remove the staging folder of an install in progress
    (and put back a package being replaced). Imports nothing when no install ran."""
    installer = sys.modules.get("defnews.models_install")
    if installer is not None:
        installer.cleanup_staging()


def list_rows(packages_dir: Path | None = None) -> list[dict[str, Any]]:
    """Every installed package as `models list` shows it: version, the active de→en one,
    where it came from (index, file, argospm) and why it cannot load, if it cannot."""
    from defnews.models_state import source_of

    models = installed_models(packages_dir)
    root = packages_dir or paths.packages_dir()
    try:
        active: Path | None = find_model(packages_dir=packages_dir, warn=False).path
    except DefnewsError:
        active = None
    return [{"name": m.name, "from": m.from_code, "to": m.to_code, "version": m.version,
             "path": str(m.path), "active": m.path == active,
             "source": source_of(m.path.parent, m.name) if m.path.parent == root else "argospm",
             "problems": m.problems()}
            for m in models]
