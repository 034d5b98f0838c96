"""Inputs for the performance benchmark: the corpus, the digest folders, the packages.

Everything is generated from the sample articles (``samples/``) by repeating and varying
them, so the benchmark needs nothing outside the repository; ``--extra-corpus`` may add
German lines from elsewhere (e.g. ../shared/data/mt-dev). The packages are installed into a
benchmark-private folder, with a blank German spaCy pipeline packed inside for Argos
Translate's sentence splitter (its downloadable splitters cannot be fetched here).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
TEST_PACKAGE = REPO / "tests" / "fixtures" / "translate-de_en-defnews_test-1_0.argosmodel"
REALISTIC_NAME = "translate-de_en-defnews_realistic-1_0.argosmodel"
ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".xml")
# Real German news articles (10kGNAD) beside the checkout: figure 5d, if present.
REAL_ARTICLES = REPO.parent / "shared" / "data" / "news-dev" / "gnad-international-inland.jsonl"

# Substitution pools for the varied copies: places, weekdays. Numbers are shifted.
PLACES = ["Berlin", "Moskau", "Minsk", "Teheran", "Kiew", "Brüssel", "Warschau", "Koblenz",
          "Wien", "Prag", "Riga", "Vilnius", "Tallinn", "Helsinki", "Oslo", "Stockholm",
          "Kopenhagen", "Paris", "Rom", "Madrid", "Ankara", "Bukarest", "Sofia", "Budapest",
          "Bratislava", "Zagreb", "Lissabon", "Athen", "Dublin", "Bern", "Ljubljana"]
WEEKDAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
_PLACE_RE = re.compile(r"\b(" + "|".join(PLACES) + r")\b")
_DAY_RE = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")
# Numbers to shift: not years, not parts of times, dates in ISO form or URLs.
_NUM_RE = re.compile(r"(?<![\d:/.\-])\d{1,3}(?![\d:/\-])")
# Words the copies append to a sentence that would otherwise repeat verbatim.
_ATTRIB = ["hieß es in {p}", "sagte ein Sprecher in {p}", "berichteten Korrespondenten aus {p}",
           "verlautete aus {p}", "meldeten Beobachter in {p}"]


def vary(text: str, k: int) -> str:
    """Copy ``k`` of a German text: places and weekdays rotated, small numbers shifted."""
    if k == 0:
        return text
    text = _PLACE_RE.sub(lambda m: PLACES[(PLACES.index(m.group(1)) + k) % len(PLACES)], text)
    text = _DAY_RE.sub(lambda m: WEEKDAYS[(WEEKDAYS.index(m.group(1)) + k) % 7], text)
    return _NUM_RE.sub(lambda m: str(int(m.group(0)) + k), text)


def attribute(sentence: str, k: int, i: int) -> str:
    """A sentence made distinct by an attribution ('..., hieß es in Prag.')."""
    phrase = _ATTRIB[(k + i) % len(_ATTRIB)].format(p=PLACES[(k * 7 + i) % len(PLACES)])
    s = sentence.rstrip()
    if s.endswith((".", "!")):
        return f"{s[:-1]}, {phrase}{s[-1]}"
    return f"{s} ({phrase})"


def sample_files(samples: Path = SAMPLES) -> list[Path]:
    return sorted(p for p in samples.iterdir() if p.suffix in ARTICLE_SUFFIXES)


# ------------------------------------------------------------------------- corpus


@dataclass
class Corpus:
    paragraphs: list[str]  # one paragraph a line, no blank lines (Argos translates by "\n")
    sentences: int  # sentences by defnews's segmenter; all distinct
    from_samples: int
    from_extra: int

    def write(self, folder: Path) -> tuple[Path, Path]:
        """corpus.txt (paragraphs separated by blank lines, for defnews) and the same
        paragraphs one a line (for Argos Translate, which splits paragraphs at newlines)."""
        folder.mkdir(parents=True, exist_ok=True)
        dn = folder / "corpus.txt"
        ar = folder / "corpus_argos.txt"
        dn.write_text("\n\n".join(self.paragraphs) + "\n", encoding="utf-8")
        ar.write_text("\n".join(self.paragraphs), encoding="utf-8")
        return dn, ar


def sample_paragraphs(samples: Path = SAMPLES) -> list[list[str]]:
    """The story text of each sample article (title, then body paragraphs), plain text."""
    from defnews import readers

    return [art.story_paragraphs() for path in sample_files(samples)
            for art in readers.read_bytes(path.read_bytes(), name=str(path))]


def build_corpus(target: int, samples: Path = SAMPLES, extra: Path | None = None,
                 extra_lines: int = 0) -> Corpus:
    """At least ``target`` distinct sentences: the samples, then varied copies of them.

    Every sentence occurs once (a copy's sentence that would repeat gets an attribution),
    so defnews's de-duplication gains nothing: both contenders translate every sentence.
    """
    from defnews.segment import split_sentences

    seen: set[str] = set()
    paragraphs: list[str] = []
    n_extra = 0
    if extra is not None and extra_lines > 0:
        lines = [ln.strip() for ln in extra.read_text(encoding="utf-8").splitlines()]
        lines = [ln for ln in lines if ln and ln not in seen][:extra_lines]
        # Five lines a paragraph, as in news text.
        for i in range(0, len(lines), 5):
            group = lines[i : i + 5]
            seen.update(group)
            paragraphs.append(" ".join(group))
        n_extra = len(seen)
    articles = sample_paragraphs(samples)
    k = 0
    while len(seen) - n_extra < target and k < 1000:
        for paras in articles:
            for p in paras:
                kept = []
                for i, s in enumerate(split_sentences(vary(p, k))):
                    if s in seen:
                        s = attribute(s, k, i)
                    if s not in seen:
                        seen.add(s)
                        kept.append(s)
                if kept:
                    paragraphs.append(" ".join(kept))
        k += 1
    # Count as defnews will segment the written paragraphs.
    total = sum(len(split_sentences(p)) for p in paragraphs)
    return Corpus(paragraphs, total, len(seen) - n_extra, n_extra)


def one_paragraph(samples: Path = SAMPLES) -> str:
    """A typical news paragraph (3 sentences) for the cold-start figure."""
    from defnews.segment import split_sentences

    for paras in sample_paragraphs(samples):
        for p in paras:
            if len(split_sentences(p)) == 3:
                return p
    raise SystemExit("no three-sentence paragraph in the samples")


# ------------------------------------------------------------------------ digests


def make_digest_folder(folder: Path, n: int, samples: Path = SAMPLES) -> dict[str, int]:
    """``n`` German articles: the sample files repeated, each copy varied (places, weekdays,
    numbers, outlet names, dates over a week) so copies are not byte-identical."""
    from defnews import readers

    if (folder / ".complete").is_file():
        return json.loads((folder / ".complete").read_text())
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    sources = []
    for path in sample_files(samples):
        data = path.read_bytes()
        text, encoding = readers.decode(data)
        count = len(readers.read_bytes(data, name=str(path)))
        sources.append((path, text, encoding, count))
    made, files, k = 0, 0, 0
    seen: set[str] = set()
    while made < n:
        for path, text, encoding, count in sources:
            if made >= n:
                break
            if made + count > n:
                continue
            body = vary(text, k)
            body = _distinct(body, k, path.name, seen)
            if k:
                # Another outlet of the same name family, another day of the week.
                body = re.sub(r"(?m)^(Agentur Ost|Nordkurier heute|Ostkurier|Der Grenzbote|"
                              r"Ostsee-Rundschau)\s*$", rf"\1 {k}", body)
            day = 16 + (k % 7)
            name = re.sub(r"^\d{4}-\d{2}-\d{2}", f"2026-11-{day:02d}", path.name)
            name = f"{k:04d}_{name}"
            try:
                raw = body.encode(encoding)
            except (UnicodeEncodeError, LookupError):
                raw = body.encode("utf-8")
            (folder / name).write_bytes(raw)
            made += count
            files += 1
        k += 1
    info = {"articles": made, "files": files}
    (folder / ".complete").write_text(json.dumps(info))
    return info


def _distinct(text: str, k: int, name: str, seen: set[str]) -> str:
    """Give body sentences that an earlier copy already had an attribution, where the
    sentence occurs verbatim in the file (not across markup)."""
    from defnews import readers
    from defnews.digest.summaries import body_sentences

    for art in readers.read_bytes(text.encode("utf-8"), name=name):
        for i, s in enumerate(body_sentences(art)[0]):
            if s in seen and s in text:
                new = attribute(s, k, i)
                text = text.replace(s, new, 1)
                s = new
            seen.add(s)
    return text


def digest_sentence_stats(folder: Path) -> dict[str, int]:
    """Body sentences of a digest folder and how many are distinct (dedup's room)."""
    from defnews import readers
    from defnews.digest.summaries import body_sentences

    total, distinct = 0, set()
    for path in sorted(folder.iterdir()):
        if path.suffix not in ARTICLE_SUFFIXES:
            continue
        for art in readers.read_bytes(path.read_bytes(), name=str(path)):
            s = body_sentences(art)[0]
            total += len(s)
            distinct.update(s)
    return {"sentences": total, "distinct": len(distinct)}


# ------------------------------------------------------------------------ packages


@dataclass
class PackageSetup:
    label: str  # "test" | "realistic"
    archive: Path
    packages_dir: Path  # DEFNEWS_PACKAGES_DIR = ARGOS_PACKAGES_DIR
    package_dir: Path  # the installed package folder
    home: Path  # HOME/XDG tree for the child processes (Argos writes here)

    @property
    def model_dir(self) -> Path:
        return self.package_dir / "model"

    def metadata(self) -> dict:
        return json.loads((self.package_dir / "metadata.json").read_text(encoding="utf-8"))


def prepare_package(label: str, archive: Path, work: Path) -> PackageSetup:
    """Install the package for both contenders, with a packaged spaCy sentence splitter.

    Argos (ARGOS_CHUNK_TYPE=SPACY) loads ``<package>/spacy`` and adds spaCy's rule-based
    "sentencizer"; its sbd module also checks ``$XDG_CACHE_HOME/argos-translate/spacy/
    senter/model`` at import and downloads xx_sent_ud_sm when missing: pre-created here, so
    nothing tries the network.
    """
    import spacy

    from defnews.models_install import install_file

    root = work / label
    stamp = root / ".installed"
    home = root / "home"
    packages = root / "packages"
    key = f"{archive.resolve()}:{archive.stat().st_size}:{archive.stat().st_mtime_ns}"
    if not (stamp.is_file() and stamp.read_text() == key):
        shutil.rmtree(root, ignore_errors=True)
        packages.mkdir(parents=True)
        installed = install_file(archive, packages)
        nlp = spacy.blank("de")
        nlp.to_disk(installed.path / "spacy")
        cache = home / ".cache" / "argos-translate" / "spacy"
        cache.parent.mkdir(parents=True, exist_ok=True)
        nlp.to_disk(cache)
        (cache / "senter" / "model").mkdir(parents=True, exist_ok=True)
        stamp.write_text(key)
    package_dir = next(p for p in packages.iterdir() if p.is_dir())
    return PackageSetup(label, archive, packages, package_dir, home)


def _shared_news_text(shared: Path) -> str:
    """German news (10kGNAD) and English news (BBC) from ../shared, one paragraph a line."""
    lines: list[str] = []
    gnad = shared / "news-dev" / "gnad-international-inland.jsonl"
    if gnad.is_file():
        for row in gnad.read_text(encoding="utf-8").splitlines():
            if row.strip():
                text = " ".join(json.loads(row)["text"].split())
                lines += re.split(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ])", text)
    bbc = shared / "sum-dev" / "bbc" / "article"
    if bbc.is_dir():
        for path in sorted(bbc.rglob("*.txt")):
            raw = path.read_bytes().decode("utf-8", errors="replace")
            lines += [" ".join(p.split()) for p in raw.split("\n\n") if p.strip()]
    return "\n".join(lines) + "\n" if lines else ""


def ensure_realistic(path: Path | None, work: Path, minutes: float) -> Path:
    """The realistic-size package: the given file, or built once into the work folder."""
    if path is not None:
        if not path.is_file():
            raise SystemExit(f"--realistic {path}: no such file")
        return path
    out = work / REALISTIC_NAME
    if out.is_file():
        return out
    cmd = [sys.executable, str(REPO / "tools" / "testmodel" / "build.py"), "--preset",
           "realistic", "--minutes", str(minutes), "--out", str(out), "--work",
           str(work / "model-work")]
    # Real German and English text (if ../shared is beside the checkout) gives the
    # vocabulary Argos's size; the synthetic corpus alone has a few thousand words.
    shared = REPO.parent / "shared" / "data"
    mt_de = shared / "mt-dev" / "generaltest2022.de-en.src.de"
    mt_en = shared / "mt-dev" / "generaltest2022.de-en.ref.A.en"
    if mt_de.is_file() and mt_en.is_file():
        cmd += ["--extra-parallel", str(mt_de), str(mt_en)]
    for extra in (shared / "term-dev" / "deen.de", shared / "term-dev" / "deen.en"):
        if extra.is_file():
            cmd += ["--extra-text", str(extra)]
    text = _shared_news_text(shared)
    if text:
        news = work / "realistic-vocab-news.txt"
        work.mkdir(parents=True, exist_ok=True)
        news.write_text(text, encoding="utf-8")
        cmd += ["--extra-text", str(news)]
    print(f"building the realistic package (about {minutes + 5:.0f} min, once): "
          + " ".join(cmd), flush=True)
    log = work / "build-realistic.log"
    work.mkdir(parents=True, exist_ok=True)
    with log.open("w") as fh:
        rc = subprocess.call(cmd, cwd=REPO, stdout=fh, stderr=subprocess.STDOUT)
    if rc != 0 or not out.is_file():
        raise SystemExit(f"building the realistic package failed (exit {rc}); see {log}")
    return out


def make_real_digest_folder(folder: Path, n: int, jsonl: Path) -> dict[str, int]:
    """``n`` real German news articles of their real length (10kGNAD, one JSON object a
    line with ``text``), one plain-text file each: the teaser sentence as its title line.
    Written to the benchmark's work folder only, never into the repository."""
    from defnews import segment

    if (folder / ".complete").is_file():
        return json.loads((folder / ".complete").read_text())
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    made = 0
    with jsonl.open(encoding="utf-8") as fh:
        for line in fh:
            if made >= n:
                break
            text = json.loads(line)["text"].strip()
            sentences = segment.split_sentences(text, "de")
            if len(sentences) < 3:
                continue
            title, body = sentences[0], " ".join(sentences[1:])
            (folder / f"{made:04d}_artikel.txt").write_text(f"{title}\n\n{body}\n",
                                                            encoding="utf-8")
            made += 1
    info = {"articles": made, "files": made}
    (folder / ".complete").write_text(json.dumps(info))
    return info
