#!/usr/bin/env python3
"""Render an HTML digest in headless Chromium, take screenshots, and check text and layout.

    python tools/check_html_digest.py digest.html [--expect "Title one" ...] [--shots DIR]
        [--german]

At a laptop width (1280 px) and a phone width (390 px) it checks, inside the real browser:
the page has no horizontal scrolling, every story card fits the viewport width, body text is
at least 14 px, every expected text is visible, and every source link, as the browser
resolves it from the page's own location, points at a file that exists. With --german it
also checks that each English summary sentence carries its German source on hover (a title)
and that the page's toggle shows the German sentences, hidden before. It saves a PNG
screenshot for each width and checks the screenshot is not blank. Exit 0 when all checks
pass, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path
from urllib.parse import unquote, urlparse

PROBE = """
<script>
window.addEventListener("load", () => {
  const w = window.innerWidth;
  const doc = document.documentElement;
  const cards = [...document.querySelectorAll("article")];
  const body = getComputedStyle(document.body);
  const result = {
    viewport: w,
    scrollWidth: doc.scrollWidth,
    cards: cards.length,
    cardsFit: cards.every(c => c.getBoundingClientRect().right <= w + 1),
    fontPx: parseFloat(body.fontSize),
    text: document.body.innerText,
    links: [...document.querySelectorAll("a[href]")].map(a => a.href),
    english: document.querySelectorAll(".summary .en").length,
    hover: [...document.querySelectorAll(".summary .en")].filter(e => e.title.trim()).length,
    germanShownBefore: [...document.querySelectorAll(".summary .de")]
      .filter(e => e.offsetParent !== null).length,
  };
  const toggle = document.querySelector("label[for='show-de']");
  if (toggle) toggle.click();
  result.germanShownAfter = [...document.querySelectorAll(".summary .de")]
    .filter(e => e.offsetParent !== null && e.innerText.trim()).length;
  const pre = document.createElement("pre");
  pre.id = "layout-probe";
  pre.textContent = JSON.stringify(result);
  document.body.appendChild(pre);
});
</script>
"""

# Headless Chromium will not make a window narrower than 500 px: the page is measured
# inside an iframe of the exact width, which is the viewport its media queries see.
WRAPPER = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" src="probe.html" style="border:0;width:{width}px;height:{height}px"></iframe>
<script>
document.getElementById("f").addEventListener("load", () => {{
  setTimeout(() => {{
    const inner = document.getElementById("f").contentDocument;
    const probe = inner && inner.getElementById("layout-probe");
    const pre = document.createElement("pre");
    pre.id = "layout-probe";
    pre.textContent = probe ? probe.textContent : "";
    document.body.appendChild(pre);
  }}, 300);
}});
</script></body></html>"""

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--run-all-compositor-stages-before-draw",
         "--virtual-time-budget=3000",
         "--allow-file-access-from-files"]


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if path := shutil.which(name):
            return path
    return None


def run_chromium(chromium: str, args: list[str], profile: Path) -> str:
    cmd = [chromium, *FLAGS, f"--user-data-dir={profile}", *args]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if out.returncode != 0:
        raise RuntimeError(f"chromium failed ({out.returncode}): {out.stderr[-500:]}")
    return out.stdout


def png_is_blank(path: Path) -> bool:
    """True when the screenshot has (almost) one colour: nothing was drawn."""
    data = path.read_bytes()
    idat = b"".join(chunk for chunk in _png_chunks(data, b"IDAT"))
    raw = zlib.decompress(idat)
    sample = raw[:: max(1, len(raw) // 20000)]
    return len(set(sample)) < 8


def _png_chunks(data: bytes, kind: bytes):
    pos = 8
    while pos < len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        ctype = data[pos + 4 : pos + 8]
        if ctype == kind:
            yield data[pos + 8 : pos + 8 + length]
        pos += 12 + length


def check(html_file: Path, expect: list[str], shots: Path, german: bool = False) -> list[str]:
    chromium = find_chromium()
    if chromium is None:
        return ["chromium not found (apt-get install chromium)"]
    problems: list[str] = []
    shots.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        probe_page = tmpdir / "probe.html"
        html = html_file.read_text(encoding="utf-8")
        # <base>: relative links resolve from the digest's own folder, as when it is opened.
        base = f'<base href="{html_file.resolve().parent.as_uri()}/">'
        probe_page.write_text(html.replace("<head>", "<head>" + base, 1)
                              .replace("</body>", PROBE + "</body>"), encoding="utf-8")
        for label, width, height in (("laptop", 1280, 900), ("phone", 390, 844)):
            wrapper = tmpdir / f"wrap-{label}.html"
            wrapper.write_text(WRAPPER.format(width=width, height=height), encoding="utf-8")
            dom = run_chromium(chromium, ["--window-size=1400,1000", "--dump-dom",
                                          wrapper.as_uri()], tmpdir / f"profile-{label}")
            m = re.search(r'<pre id="layout-probe">(.+?)</pre>', dom, re.S)
            if not m:
                problems.append(f"{label}: the page did not finish loading in Chromium")
                continue
            import html as htmllib

            result = json.loads(htmllib.unescape(m.group(1)))
            if result["scrollWidth"] > result["viewport"] + 1:
                problems.append(f"{label}: horizontal scrolling ({result['scrollWidth']} px wide "
                                f"in a {result['viewport']} px viewport)")
            if not result["cardsFit"]:
                problems.append(f"{label}: a story card is wider than the viewport")
            if result["fontPx"] < 14:
                problems.append(f"{label}: body text is {result['fontPx']} px (< 14 px)")
            if result["cards"] == 0:
                problems.append(f"{label}: no stories on the page")
            visible = " ".join(result["text"].split())
            for text in expect:
                if " ".join(text.split()) not in visible:
                    problems.append(f"{label}: expected text not visible: {text!r}")
            for href in result["links"]:
                if href.startswith("file:"):
                    target = Path(unquote(urlparse(href).path))
                    if not target.is_file():
                        problems.append(f"{label}: link to a missing file: {href}")
            if german:
                if result["english"] == 0:
                    problems.append(f"{label}: no English summary sentences (.summary .en)")
                if result["hover"] != result["english"]:
                    problems.append(f"{label}: {result['english'] - result['hover']} English "
                                    "sentences show no German on hover")
                if result["germanShownBefore"]:
                    problems.append(f"{label}: German sentences visible before the toggle")
                if result["germanShownAfter"] != result["english"]:
                    problems.append(f"{label}: the toggle shows {result['germanShownAfter']} "
                                    f"German sentences for {result['english']} English ones")
            shot = shots / f"digest-{label}.png"
            run_chromium(chromium, [f"--window-size={width},{height}",
                                    f"--screenshot={shot}", html_file.resolve().as_uri()],
                         tmpdir / f"profile-shot-{label}")
            if not shot.exists() or shot.stat().st_size == 0:
                problems.append(f"{label}: no screenshot was written")
            elif png_is_blank(shot):
                problems.append(f"{label}: the screenshot is blank")
    return problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("html", type=Path)
    ap.add_argument("--expect", action="append", default=[], help="text that must be visible")
    ap.add_argument("--german", action="store_true",
                    help="check the German sources on hover and behind the toggle")
    ap.add_argument("--shots", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) /
                    "defnews-shots")
    args = ap.parse_args()
    problems = check(args.html, args.expect, args.shots, args.german)
    for p in problems:
        print(f"FAIL {p}")
    if not problems:
        print(f"ok: {args.html} renders at laptop and phone widths; screenshots in {args.shots}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
