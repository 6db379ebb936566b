"""Apps depend one way: each may use the layers below it, never one beside or above it.

    config                      settings, URLs, error pages: puts the site together
    editorial                   the editors' UI over the content and its readers' feedback
    kiosk  seo  search  feedback  selfcheck  explainer
    articles                    topics, articles, questions, pages: the content itself
    pagecache  ratelimit  common   infrastructure that knows no app

A lower app never names a higher one; a higher one registers itself with it instead. The
articles app tells the page cache which models to watch (pagecache.signals.watch), and the
kiosk shows the articles by mounting their URLconf again rather than being imported by them.
Apps on one level are independent of each other. Where one needs another, it moves up a
level, as editorial did: it shows each page's feedback on the page's form, so it sits above
feedback, and nothing but config imports it.

"Names" means an import, anywhere in a module (inside a function too), or a dotted path
written as a string ("articles.Topic", "kiosk.views.reset"), which loads the code as surely
as an import does. URL names ("selfcheck:start") are not counted: the URLconf is config's,
and reversing a name asks config where a page is.
"""

import ast
import re
from pathlib import Path

import pytest

SITE = Path(__file__).resolve().parent.parent / "site"

LAYERS = [
    {"config"},
    {"editorial"},
    {"kiosk", "seo", "search", "feedback", "selfcheck", "explainer"},
    {"articles"},
    {"pagecache", "ratelimit", "common"},
]
LEVEL = {app: level for level, apps in enumerate(LAYERS) for app in apps}
# "selfcheck.yaml" is a file, not a module.
FILE_SUFFIXES = ("yaml", "yml", "json", "html", "txt", "md", "css", "js", "py")

# Imports that go the wrong way today, each waiting for a change under way elsewhere. An entry
# that is no longer needed fails the test below, so the list only ever shrinks.
KNOWN: set[tuple[str, str]] = set()


def site_apps():
    return sorted(p.name for p in SITE.iterdir() if p.is_dir() and (p / "__init__.py").exists())


def names_in(path):
    """(line, app) for every project app a module names by import or by a dotted string."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    dotted = re.compile(rf"^({'|'.join(LEVEL)})\.(?!(?:{'|'.join(FILE_SUFFIXES)})$)[A-Za-z_][\w.]*$")
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module.split(".")[0]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and dotted.match(node.value):
            yield node.lineno, node.value.split(".")[0]


def wrong_way():
    """{(file, app named): [line, …]} for every name that is not of a lower level."""
    found = {}
    for path in sorted(SITE.rglob("*.py")):
        relative = path.relative_to(SITE)
        owner = relative.parts[0]
        if owner not in LEVEL:
            continue
        for line, named in names_in(path):
            if named in LEVEL and named != owner and LEVEL[named] <= LEVEL[owner]:
                found.setdefault((relative.as_posix(), named), []).append(line)
    return found


def test_every_app_has_a_level():
    assert set(site_apps()) == set(LEVEL), "place a new app in LAYERS (and say why in the docstring)"


def test_no_app_names_one_beside_or_above_it():
    unexpected = {key: lines for key, lines in wrong_way().items() if key not in KNOWN}
    assert not unexpected, "\n".join(
        f"site/{path}:{lines[0]} uses {named} (level {LEVEL[named]}), from level {LEVEL[path.split('/')[0]]}"
        for (path, named), lines in sorted(unexpected.items())
    )


def test_every_known_exception_is_still_needed():
    assert set(wrong_way()) >= KNOWN, f"no longer needed, remove from KNOWN: {KNOWN - set(wrong_way())}"


@pytest.mark.parametrize(
    ("source", "named"),
    [
        ("from editorial.admin_base import EditorialAdmin\n", "editorial"),
        ("def f():\n    import kiosk.views\n", "kiosk"),
        ('PUBLIC = ["articles.Topic"]\n', "articles"),
        ("from search import index\n", "search"),
    ],
)
def test_it_sees_an_import_however_it_is_written(tmp_path, source, named):
    module = tmp_path / "module.py"
    module.write_text(source)
    assert named in {app for _, app in names_in(module)}


def test_it_does_not_count_url_names_file_names_or_relative_imports(tmp_path):
    module = tmp_path / "module.py"
    module.write_text('reverse("selfcheck:start")\nFILE = "selfcheck.yaml"\nfrom . import models\n')
    assert list(names_in(module)) == []
