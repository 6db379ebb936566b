"""make audit: Lighthouse on the production server, every public page type.

Starts the production server like make bench (tools/prodserver.py) and runs Lighthouse (the
version pinned in tools/lighthouse, installed by the Makefile into .tools/lighthouse) with
Debian's Chromium on: home, an article, the FAQ, myths and facts, the self-check start, a
self-check result and the kiosk home. Fails when accessibility, best practices or SEO score below 100, or performance below 95;
a page below a minimum is measured three times and the median decides.

Accessibility, best practices and SEO come out the same on any machine; the performance score
follows the machine's load (76 to 98 on a busy two-core machine for pages that score 100 on a
quiet one). So `--report-performance`, which CI uses, prints the performance score without
gating it: a red CI then always means a real regression, and performance is gated by a run of
plain `make audit` on a quiet machine.

Two pages are audited in a special way, said here and in the README:
- A self-check result is only ever the answer to a POST, which Lighthouse cannot send. The
  script walks the real self-check with Django's test client against the production settings,
  answering each step, and saves the result page it gets as a static file beside the others;
  Lighthouse audits that file, served by whitenoise like every other static file.
- The kiosk tells search engines to keep away (robots.txt and its noindex tag), on purpose:
  SEO is not scored there. It is audited on the screen it runs on, 1080x1920 portrait, not
  on Lighthouse's phone.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from prodserver import ROOT, production_server  # noqa: E402

LIGHTHOUSE = ROOT / ".tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
RESULT_FIXTURE = "/static/audit/self-check-result.html"
ALL = ["performance", "accessibility", "best-practices", "seo"]
PHONE = []  # Lighthouse's default: a mid-range phone on a slow 4G connection
# A kiosk is a desktop-class screen on the clinic's wired network, not a phone on slow 4G:
# Lighthouse's desktop preset (its desktop throttling), at the kiosk's portrait screen size.
KIOSK_SCREEN = [
    "--preset=desktop",
    "--form-factor=desktop",
    "--screenEmulation.mobile=false",
    "--screenEmulation.width=1080",
    "--screenEmulation.height=1920",
    "--screenEmulation.deviceScaleFactor=1",
]
PAGES = [
    ("home", "/", ALL, PHONE),
    ("article", "/articles/low-b12-and-cancer/", ALL, PHONE),
    ("Spanish article", "/es/articles/low-b12-and-cancer/", ALL, PHONE),
    ("FAQ", "/faq/", ALL, PHONE),
    ("topic", "/topics/low-b12/", ALL, PHONE),
    ("myths and facts", "/articles/myths-and-facts/", ALL, PHONE),
    ("self-check start", "/self-check/", ALL, PHONE),
    ("self-check result", RESULT_FIXTURE, ALL, PHONE),
    ("kiosk home", "/kiosk/", ["performance", "accessibility", "best-practices"], KIOSK_SCREEN),
]
MINIMUM = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}

# Run inside `manage.py shell` with the production settings: answer the self-check (the first
# choice of every question) until the result page comes back, and print it.
WALK_THE_SELF_CHECK = """
import re, sys
from html.parser import HTMLParser
from django.test import Client

class Form(HTMLParser):
    def __init__(self):
        super().__init__()
        self.fields, self.radios, self.boxes = {}, {}, {}
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag != "input" or "name" not in a:
            return
        kind = a.get("type", "text")
        if kind == "hidden":
            self.fields[a["name"]] = a.get("value", "")
        elif kind == "radio":
            self.radios.setdefault(a["name"], a["value"])
        elif kind == "checkbox":
            self.boxes.setdefault(a["name"], a["value"])

client = Client(headers={"host": "127.0.0.1"})
page = client.get("/self-check/check/")
for _ in range(20):
    html = page.content.decode()
    if "selfcheck-panel" in html:
        sys.stdout.write(html)
        break
    form = Form()
    form.feed(html)
    data = {**form.fields, **form.radios, **form.boxes, "action": "next"}
    page = client.post("/self-check/check/", data)
else:
    sys.exit("The self-check never reached a result page")
"""


def save_result_page(env, static_root):
    html = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", WALK_THE_SELF_CHECK],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    target = static_root / RESULT_FIXTURE.removeprefix("/static/")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html)


def chromium():
    path = os.environ.get("CHROME_PATH") or os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if not path:
        sys.exit("make audit needs Chromium: install Debian's chromium package (apt-get install chromium).")
    return path


def lighthouse(url, categories, device, report):
    """One Lighthouse run. Lighthouse now and then fails to record a trace (NO_NAVSTART and the
    like) through no fault of the page; such a run is tried again, up to three times."""
    command = [
        str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
        f"--chrome-flags={CHROME_FLAGS}", f"--only-categories={','.join(categories)}", *device,
    ]  # fmt: skip
    for attempt in range(1, 4):
        run = subprocess.run(
            command, env={**os.environ, "CHROME_PATH": chromium()}, capture_output=True, text=True
        )
        if not run.returncode:
            return json.loads(Path(report).read_text())
        print(f"    (Lighthouse could not measure {url} on attempt {attempt}: {run.stderr.strip()[-200:]})")
    sys.exit(f"Lighthouse failed on {url} three times:\n{run.stderr[-2000:]}")


def lighthouse_version():
    package = LIGHTHOUSE.resolve().parents[1] / "package.json"
    return json.loads(package.read_text())["version"]


def scores_of(result, categories):
    return {c: round(result["categories"][c]["score"] * 100) for c in categories}


def audit(url, categories, device, report, gated):
    """(scores, last result). Lighthouse's performance score varies from run to run on a busy
    machine, as its documentation warns; a page below a gated minimum is measured twice more
    and the median of the three runs decides each score."""
    result = lighthouse(url, categories, device, report)
    first = scores_of(result, categories)
    if all(first[c] >= MINIMUM[c] for c in categories if c in gated):
        return first, result
    runs = [first]
    for _ in range(2):
        result = lighthouse(url, categories, device, report)
        runs.append(scores_of(result, categories))
    return {c: sorted(run[c] for run in runs)[1] for c in categories}, result


def shortfalls(result, categories):
    """The scored audits that did not pass in `categories`, as short lines."""
    lines = []
    for name, category in result["categories"].items():
        if name not in categories:
            continue
        for ref in category["auditRefs"]:
            audit = result["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                lines.append(f"{name}: {audit['id']} ({audit['score']}): {audit['title']}")
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--report-performance",
        action="store_true",
        help="print the performance score without failing on it (CI: the score follows the machine's load)",
    )
    gated = set(ALL) - ({"performance"} if parser.parse_args().report_performance else set())
    if not LIGHTHOUSE.exists():
        sys.exit(f"Lighthouse is not installed at {LIGHTHOUSE}: run `make audit`, which installs it.")
    failed = False
    with (
        tempfile.TemporaryDirectory() as reports,
        production_server(before_start=save_result_page) as (base, *_),
    ):
        print(f"Lighthouse {lighthouse_version()} on the production server at {base} (Debian's Chromium)\n")
        print(f"{'page':<20}" + "".join(f"{c:>16}" for c in ALL))
        for index, (name, path, categories, device) in enumerate(PAGES):
            report = Path(reports) / f"{index}.json"
            scores, result = audit(base + path, categories, device, report, gated)
            print(f"{name:<20}" + "".join(f"{scores.get(c, '-'):>16}" for c in ALL))
            low = {c for c, score in scores.items() if score < MINIMUM[c]}
            for line in shortfalls(result, low):
                print(f"    {line}")
            failed = failed or bool(low & gated)
    print("\nFAIL: a score is below its minimum" if failed else "\nPASS: every gated score meets its minimum")
    print(
        "Minimums: performance 95, accessibility, best practices and SEO 100 (SEO not scored on the kiosk)."
    )
    if "performance" not in gated:
        print("Performance is reported, not gated, in this run: `make audit` on a quiet machine gates it.")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
