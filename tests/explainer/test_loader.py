"""content/result-explainer.yaml: loaded once at start-up, and refused when anything is wrong.

Every test loads through `explainer.loader.load`, the one path the app takes in
AppConfig.ready(), on the real content folder or on a copy with one thing broken.
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from articles.readability import measure
from articles.references import load as load_references
from common.wording import diagnostic_phrase
from explainer import engine
from explainer.definition import NOTES
from explainer.loader import FILE_NAME, ExplainerError, load
from tests.conftest import CONTENT_DIR

ROOT = Path(__file__).resolve().parents[2]
MAX_GRADE = 8.0


def broken(content_copy, old, new, count=1):
    """The copy with `old` replaced by `new` in the explainer's file; fails if `old` is missing."""
    path = content_copy / FILE_NAME
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return content_copy


def refusal(content_dir):
    with pytest.raises(ExplainerError) as error:
        load(content_dir)
    return str(error.value)


# --- the real file ----------------------------------------------------------------------------


def test_the_site_loaded_the_real_file_at_start_up():
    explainer = apps.get_app_config("explainer").explainer
    assert explainer == load(CONTENT_DIR)
    assert set(explainer.outcomes) == set(engine.OUTCOMES)
    assert set(explainer.notes) == set(NOTES)


def test_the_file_has_not_been_signed_off_by_anyone_yet():
    explainer = load(CONTENT_DIR)
    assert (explainer.last_reviewed, explainer.next_review_due, explainer.reviewed_by) == (None, None, "")


def test_the_bands_are_nices_and_the_high_mark_is_the_studies_upper_limit():
    tests = load(CONTENT_DIR).tests
    total, active = tests[engine.TOTAL].scale, tests[engine.ACTIVE].scale
    assert [(b.lower and b.lower.value, b.upper and b.upper.value) for b in total.bands] == [
        (None, 180),
        (180, 350),
        (350, None),
    ]
    assert [(b.lower and b.lower.value, b.upper and b.upper.value) for b in active.bands] == [
        (None, 25),
        (25, 70),
        (70, None),
    ]
    assert engine.convert(total.high_above, total.unit, engine.PMOL_L) == 600
    assert active.high_above is None
    assert [r.id for r in tests[engine.TOTAL].high_sources] == ["arendt-2013", "arendt-2019"]


def test_every_source_named_is_a_current_entry_of_references_yaml():
    known = load_references(CONTENT_DIR)
    explainer = load(CONTENT_DIR)
    named = [r for o in explainer.outcomes.values() for r in o.sources]
    named += [r for n in explainer.notes.values() for r in n.sources]
    named += [*explainer.high_result.sources, *[r for t in explainer.tests.values() for r in t.sources]]
    assert named
    assert all(known[r.id] == r and not r.superseded for r in named)


def test_every_text_reads_at_grade_eight_or_below():
    too_hard = {
        where: grade
        for where, text in load(CONTENT_DIR).texts()
        if (grade := measure(f"<p>{text}</p>").grade) > MAX_GRADE
    }
    assert not too_hard, too_hard


def test_no_text_reads_as_a_diagnosis():
    assert not [where for where, text in load(CONTENT_DIR).texts() if diagnostic_phrase(text)]


def test_the_high_result_text_gives_the_common_causes_first_then_the_danish_figures():
    high = load(CONTENT_DIR).high_result
    causes = " ".join(high.causes)
    for cause in ("tablets, injections", "liver", "kidneys", "blood disorders", "inflammation"):
        assert cause in causes
    cancer = " ".join(high.cancer)
    for fact in ("Denmark", "601 to 800 pmol/L", "3 times", "Above 800 pmol/L", "6 times", "blood cancers",
                 "smoking and alcohol", "Most people with a high result do not have cancer"):  # fmt: skip
        assert fact in cancer, fact
    assert "either direction" in high.myeloma
    assert [r.id for r in high.sources][0] == "arendt-2013"


@pytest.mark.parametrize(
    ("explainer_file", "article", "figure"),
    [
        ("result-explainer.yaml", "articles/high-b12-levels.md", r"about ([0-9.]+) times as often"),
        ("es/result-explainer.yaml", "es/articles/high-b12-levels.md", r"unas ([0-9.]+) veces más a menudo"),
    ],
)
def test_the_cancer_figures_are_the_ones_the_high_b12_article_gives(explainer_file, article, figure):
    # A person who reads both must not meet two different numbers for the same study.
    in_explainer = re.findall(figure, (CONTENT_DIR / explainer_file).read_text(encoding="utf-8"))
    in_article = re.findall(figure, (CONTENT_DIR / article).read_text(encoding="utf-8"))

    assert in_explainer and in_explainer == in_article


# --- what the loader refuses ------------------------------------------------------------------


def test_an_unknown_field_is_refused(content_copy):
    message = refusal(broken(content_copy, "  intro: A high result", "  colour: red\n  intro: A high result"))
    assert "high_result: unknown field colour" in message
    assert FILE_NAME in message


def test_a_missing_text_is_refused(content_copy):
    message = refusal(broken(content_copy, "    title: Within your lab's range\n", ""))
    assert "outcomes: within_range: missing title" in message


def test_an_empty_text_is_refused(content_copy):
    message = refusal(
        broken(
            content_copy,
            "  intro: A high result has many possible causes. These are the common ones.",
            "  intro:",
        )
    )
    assert "high_result: intro: missing text" in message


def test_a_missing_outcome_is_refused(content_copy):
    text = (content_copy / FILE_NAME).read_text(encoding="utf-8")
    start = text.index("  above_range:\n")
    end = text.index("# ----", start)
    (content_copy / FILE_NAME).write_text(text[:start] + text[end:], encoding="utf-8")
    assert "outcomes: missing above_range" in refusal(content_copy)


def test_a_missing_note_is_refused(content_copy):
    message = refusal(broken(content_copy, "  pregnant:\n    title:", "  expecting:\n    title:"))
    assert "notes: unknown field expecting" in message


def test_a_source_that_is_not_in_references_yaml_is_refused(content_copy):
    message = refusal(
        broken(content_copy, "sources: [arendt-2013, arendt-nexo-2013]", "sources: [arendt-2013, smith-2099]")
    )
    assert "high_result: sources: 'smith-2099' is not an id in references.yaml" in message


def test_a_superseded_source_is_refused(content_copy):
    message = refusal(
        broken(
            content_copy,
            "      sources: [nice-ng239]\n      bands:",
            "      sources: [devalia-2014]\n      bands:",
        )
    )
    assert "'devalia-2014' is superseded by 'nice-ng239'" in message


@pytest.mark.parametrize(
    "wording",
    [
        "So you have low B12.",
        "This means your B12 is low.",
        "Cancer was diagnosed more often.",
        "You don't have cancer.",
    ],
)
def test_wording_that_reads_as_a_diagnosis_is_refused(content_copy, wording):
    message = refusal(broken(content_copy, "  - What happens next, and when?", f"  - {wording}"))
    assert "ask[1]" in message and "reads as a diagnosis" in message


def test_overlapping_bands_are_refused(content_copy):
    message = refusal(
        broken(content_copy, "{id: low, name: Low, below: 180}", "{id: low, name: Low, to: 180}")
    )
    assert "tests: total: scale: bands: 'low' and 'indeterminate' overlap" in message


def test_bands_that_leave_the_edge_in_no_band_are_refused(content_copy):
    message = refusal(
        broken(
            content_copy,
            "{id: not_low, name: Not low, above: 350}",
            "{id: not_low, name: Not low, above: 350}".replace("350", "351"),
        )
    )
    assert "there is a gap between 'indeterminate' and 'not_low'" in message
    content = broken(
        content_copy, "{id: not_low, name: Not low, above: 351}", "{id: not_low, name: Not low, above: 350}"
    )
    message = refusal(broken(content, "from: 180, to: 350}", "from: 180, below: 350}"))
    assert "there is a gap between 'indeterminate' and 'not_low'" in message


def test_bands_in_the_wrong_order_are_refused(content_copy):
    message = refusal(
        broken(content_copy, "- {id: low, name: Low, below: 25}", "- {id: lowish, name: Low, below: 25}")
    )
    assert "tests: active: scale: bands: expected the bands low, indeterminate, not_low" in message


def test_a_band_unit_the_test_is_not_given_in_is_refused(content_copy):
    message = refusal(
        broken(
            content_copy, "      unit: pmol/L\n      largest: 1000", "      unit: ng/L\n      largest: 1000"
        )
    )
    assert "tests: active: scale: unit 'ng/L' is not a unit of this test" in message


def test_a_high_mark_below_the_top_band_is_refused(content_copy):
    message = refusal(broken(content_copy, "        above: 600\n", "        above: 200\n"))
    assert "high: must lie inside the top band" in message


def test_a_link_off_the_site_is_refused(content_copy):
    message = refusal(broken(content_copy, "url: /self-check/}", "url: https://example.org/}"))
    assert "must be a site path" in message


def test_a_reviewer_without_a_review_date_is_refused(content_copy):
    message = refusal(broken(content_copy, "reviewed_by:\n", "reviewed_by: Dr Someone\n"))
    assert "fill in both when a clinician signs off" in message


def test_a_file_that_is_not_yaml_is_refused_with_its_line(content_copy):
    message = refusal(broken(content_copy, "version: 1", "version: [1"))
    assert "is not valid YAML at line" in message


def test_a_missing_file_is_refused(content_copy):
    (content_copy / FILE_NAME).unlink()
    assert "cannot be read" in refusal(content_copy)


def test_a_broken_file_stops_the_app_at_start_up_and_keeps_what_it_had(content_copy, settings):
    settings.CONTENT_DIR = broken(content_copy, "        above: 600\n", "        above: -600\n")
    config = apps.get_app_config("explainer")
    loaded = config.explainer

    with pytest.raises(
        ImproperlyConfigured, match="The result explainer cannot start: .*must be a number above zero"
    ):
        config.ready()
    assert config.explainer is loaded


def test_manage_py_check_refuses_to_start_with_a_broken_file(content_copy):
    broken(content_copy, "sources: [nice-ng239, pemetrexed-smpc]", "sources: [nice-ng239, made-up]")

    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "CONTENT_DIR": str(content_copy)},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    assert "The result explainer cannot start" in result.stderr
    assert "notes: on_b12: sources: 'made-up' is not an id in references.yaml" in result.stderr
