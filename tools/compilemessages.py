"""Compile the interface's translations: each locale/*/LC_MESSAGES/*.po to the .mo beside it.

Django reads .mo files; the .po files are what the project keeps in git. polib writes the .mo
in pure Python, so a fresh machine needs no gettext tools. `make run`, `make test`, `make
serve`, `make bench` and `make audit` compile a .po newer than its .mo; the tests compile a
missing one too (tests/conftest.py), so `pytest` alone works in a fresh clone.

    python tools/compilemessages.py            # the .po files newer than their .mo
    python tools/compilemessages.py --all      # every .po
    python tools/compilemessages.py a.po ...   # these files
"""

import argparse
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "locale"


def catalogues(locale: Path = LOCALE) -> list[Path]:
    return sorted(locale.glob("*/LC_MESSAGES/*.po"))


def out_of_date(po: Path) -> bool:
    mo = po.with_suffix(".mo")
    return not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime


def compile_file(po: Path) -> Path:
    """Write `po`'s .mo beside it, leaving out fuzzy and untranslated entries as msgfmt does.

    The file is written under another name and then renamed, so a server reading the catalogue
    never sees half of it.
    """
    mo = po.with_suffix(".mo")
    partial = mo.with_name(mo.name + ".partial")
    polib.pofile(str(po)).save_as_mofile(str(partial))
    partial.replace(mo)
    return mo


def compile_messages(paths=None, everything: bool = False, locale: Path = LOCALE) -> list[Path]:
    """Compile the given .po files, or every catalogue under `locale` that needs it; returns
    the .mo files written."""
    todo = [Path(p) for p in paths] if paths else catalogues(locale)
    return [compile_file(po) for po in todo if everything or paths or out_of_date(po)]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", help=".po files to compile (default: every catalogue)")
    parser.add_argument("--all", action="store_true", help="compile every catalogue, also when up to date")
    args = parser.parse_args(argv)
    for mo in compile_messages(args.files, everything=args.all):
        print(f"Compiled {mo.relative_to(ROOT) if mo.is_relative_to(ROOT) else mo}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
