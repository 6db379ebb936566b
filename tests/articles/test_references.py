"""The sources file: every entry complete, ids unique, superseded sources say what replaces them."""

import pytest

from articles import references
from tests.conftest import CONTENT_DIR


def test_the_projects_references_file_loads():
    found = references.load(CONTENT_DIR)
    assert "nice-ng239" in found
    assert found["devalia-2014"].superseded
    assert found["devalia-2014"].superseded_by == "nice-ng239"


GOOD = "- id: a-source\n  citation: A. Title. 2024.\n  status: current\n  cite_for: testing\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id: x", "must be a list"),
        ("- [1, 2]", "'field: value'"),
        (GOOD + GOOD, "used twice"),
        (GOOD.replace("a-source", "A_Source"), "lower-case"),
        (GOOD.replace("current", "retired"), "status must be one of"),
        (GOOD + "  colour: red\n", "unknown field 'colour'"),
        (GOOD.replace("  cite_for: testing\n", ""), "cite_for is required"),
        (GOOD + "  url: javascript:alert(1)\n", "http or https"),
        (GOOD.replace("current", "superseded"), "needs superseded_by and a note"),
        (GOOD.replace("current", "superseded") + "  superseded_by: other\n  note: old\n", "not a known id"),
        ("- id: [unclosed", "not valid YAML"),
    ],
)
def test_it_refuses_a_bad_file_naming_the_problem(text, message):
    with pytest.raises(references.ReferencesError, match=message):
        references.parse(text)


def test_it_refuses_a_missing_file(tmp_path):
    with pytest.raises(references.ReferencesError, match="cannot be read"):
        references.load(tmp_path)
