"""One contender in its own process (so its peak RSS is its own): run by bench/perf.py.

    perf_child.py defnews STATS.json [--tokens TOKENS.json] -- <defnews arguments>
    perf_child.py argos STATS.json TEXT_FILE
    perf_child.py ct2 STATS.json MODEL_DIR TOKENS.json THREADS

Each writes a JSON file of timings and counts. The hooks only count and time: the work
done is exactly the contender's own.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

T_START = time.perf_counter()
WARMUP_DE = "Die Übung der Marine beginnt am Abend vor der Küste."  # not in the corpus


def _write(path: str, data: dict[str, Any]) -> None:
    Path(path).write_text(json.dumps(data, indent=1), encoding="utf-8")


def run_defnews(stats_path: str, tokens_path: str | None, args: list[str]) -> int:
    """`defnews ARGS` exactly as the console script runs it, with counting hooks."""
    from defnews import cli, translate

    t_import = time.perf_counter() - T_START
    calls: list[dict[str, Any]] = []
    captured: list[list[list[str]]] = []
    translators: list[Any] = []
    engines: list[Any] = []
    orig_decode = translate.Engine._decode
    orig_init = translate.Translator.__init__

    def decode(self: Any, tokens: list[list[str]], num_hypotheses: int, **kw: Any) -> list[Any]:
        t0 = time.perf_counter()
        out = orig_decode(self, tokens, num_hypotheses, **kw)
        calls.append({"windows": len(tokens), "in_tokens": sum(map(len, tokens)),
                      "out_tokens": sum(len(h[0]) for h in out if h),
                      "hypotheses": num_hypotheses, "careful": bool(kw.get("careful")),
                      "seconds": time.perf_counter() - t0})
        if self not in engines:
            engines.append(self)
        if tokens_path:
            captured.append(tokens)
        return out

    def init(self: Any, *a: Any, **kw: Any) -> None:
        orig_init(self, *a, **kw)
        translators.append(self)

    translate.Engine._decode = decode  # type: ignore[method-assign]
    translate.Translator.__init__ = init  # type: ignore[method-assign]
    sys.argv = ["defnews", *args]
    t0 = time.perf_counter()
    code: Any = 0
    try:
        cli.main()
    except SystemExit as exc:
        code = exc.code
    run_s = time.perf_counter() - t0
    stats = [t.stats.to_dict() for t in translators]
    _write(stats_path, {
        "exit": code if isinstance(code, int) else 1,
        "import_s": t_import, "run_s": run_s,
        "load_s": sum(e.load_seconds for e in engines),
        "model_s": sum(c["seconds"] for c in calls),
        "calls": calls, "translator_stats": stats,
    })
    if tokens_path:
        Path(tokens_path).write_text(json.dumps(captured), encoding="utf-8")
    return 0


def run_argos(stats_path: str, text_path: str) -> int:
    """Argos Translate's Python API: model loaded once (warmed up), then the whole corpus."""
    text = Path(text_path).read_text(encoding="utf-8")
    from argostranslate import translate as at

    t_import = time.perf_counter() - T_START
    real_ct2 = at.ctranslate2
    calls: list[dict[str, Any]] = []

    class CountingTranslator:
        """Delegates to ctranslate2.Translator; counts examples and tokens per call."""

        def __init__(self, *a: Any, **kw: Any) -> None:
            self._t = real_ct2.Translator(*a, **kw)
            self.options = kw

        def translate_batch(self, source: list[list[str]], **kw: Any) -> Any:
            res = self._t.translate_batch(source, **kw)
            calls.append({"examples": len(source), "in_tokens": sum(map(len, source)),
                          "out_tokens": sum(len(r.hypotheses[0]) for r in res),
                          "kwargs": {k: v for k, v in kw.items() if k != "target_prefix"}})
            return res

    class Shim:
        Translator = CountingTranslator

    at.ctranslate2 = Shim  # type: ignore[assignment]
    t0 = time.perf_counter()
    langs = {lang.code: lang for lang in at.get_installed_languages()}
    translation = langs["de"].get_translation(langs["en"])
    assert translation is not None
    translation.translate(WARMUP_DE)  # loads the CTranslate2 model
    t_load = time.perf_counter() - t0
    ct2_options = getattr(translation.underlying.translator, "options", {})  # type: ignore[attr-defined]
    calls.clear()
    t0 = time.perf_counter()
    out = translation.translate(text)
    translate_s = time.perf_counter() - t0
    _write(stats_path, {
        "import_s": t_import, "load_s": t_load, "translate_s": translate_s,
        "examples": sum(c["examples"] for c in calls), "calls": len(calls),
        "in_tokens": sum(c["in_tokens"] for c in calls),
        "out_tokens": sum(c["out_tokens"] for c in calls),
        "translate_batch_kwargs": calls[0]["kwargs"] if calls else {},
        "translator_options": ct2_options,
        "output_chars": len(out),
        "sentencizer": type(translation.underlying.sentencizer).__name__,  # type: ignore[attr-defined]
    })
    return 0


def run_ct2(stats_path: str, model_dir: str, tokens_path: str, threads: str) -> int:
    """One ctranslate2.Translator.translate_batch call with the Engine's settings."""
    import ctranslate2

    from defnews.translate import EngineOptions

    t_import = time.perf_counter() - T_START
    o = EngineOptions(threads=int(threads))
    inter, intra = o.thread_layout("cpu")  # as defnews's Engine lays out the threads
    tokens: list[list[str]] = json.loads(Path(tokens_path).read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    tr = ctranslate2.Translator(model_dir, device="cpu", compute_type=o.compute_type,
                                inter_threads=inter, intra_threads=intra)
    kwargs = {"max_batch_size": o.max_batch_tokens, "batch_type": "tokens",
              "beam_size": o.beam_size, "length_penalty": o.length_penalty,
              "max_decoding_length": o.max_decoding_length, "replace_unknowns": True}
    tr.translate_batch(tokens[:8], **kwargs)  # warm-up (untimed): the yardstick's best case
    t_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    res = tr.translate_batch(tokens, **kwargs)
    translate_s = time.perf_counter() - t0
    _write(stats_path, {
        "import_s": t_import, "load_s": t_load, "translate_s": translate_s,
        "examples": len(tokens), "in_tokens": sum(map(len, tokens)),
        "out_tokens": sum(len(r.hypotheses[0]) for r in res),
        # Hypotheses that ran to the length limit (a model that never ends a sentence).
        "runaway": sum(len(r.hypotheses[0]) >= o.max_decoding_length - 1 for r in res),
        "translate_batch_kwargs": kwargs,
        "translator_options": {"device": "cpu", "compute_type": o.compute_type,
                               "inter_threads": inter, "intra_threads": intra},
    })
    return 0


def main(argv: list[str]) -> int:
    mode, stats = argv[0], argv[1]
    if mode == "defnews":
        rest = argv[2:]
        tokens = None
        if rest and rest[0] == "--tokens":
            tokens, rest = rest[1], rest[2:]
        if rest and rest[0] == "--":
            rest = rest[1:]
        return run_defnews(stats, tokens, rest)
    if mode == "argos":
        return run_argos(stats, argv[2])
    if mode == "ct2":
        return run_ct2(stats, argv[2], argv[3], argv[4])
    raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
