"""docs/clinical-safety.md: every hazard names at least one test, and every test it names exists."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOG = (ROOT / "docs" / "clinical-safety.md").read_text(encoding="utf-8")


def hazards():
    """(heading, text) for each "### H<n>." section."""
    parts = re.split(r"^### (H\d+\..*)$", LOG, flags=re.MULTILINE)
    return list(zip(parts[1::2], parts[2::2], strict=True))


def defined_tests():
    names = set()
    for path in (ROOT / "tests").rglob("test_*.py"):
        names |= set(re.findall(r"^def (test_\w+)\(", path.read_text(encoding="utf-8"), re.MULTILINE))
    return names


def test_the_log_has_hazards_each_with_causes_controls_and_residual_risk():
    found = hazards()

    assert len(found) >= 10
    for heading, text in found:
        for part in ("**Causes.**", "**Controls.**", "**Residual risk.**"):
            assert part in text, f"{heading}: no {part}"


def test_every_hazard_names_a_test_and_every_named_test_exists():
    existing = defined_tests()
    for heading, text in hazards():
        named = set(re.findall(r"`(test_\w+)`", text))
        assert named, f"{heading} names no test"
        assert named <= existing, f"{heading} names tests that do not exist: {sorted(named - existing)}"


def test_every_rule_the_log_names_is_a_rule_in_the_file():
    from tests.selfcheck.loaded import site_definition

    rules = {rule.id for rule in site_definition().rules}
    named = set(re.findall(r"`([a-z0-9]+(?:-[a-z0-9]+)+)`", LOG))

    assert "temperature-during-cancer-treatment" in named
    assert named <= rules, sorted(named - rules)


def test_the_log_never_claims_a_sign_off_that_has_not_happened():
    assert "has **not** been reviewed by a\nClinical Safety Officer" in LOG
    assert not re.search(r"\b(approved|signed off) by (Dr|the Clinical Safety Officer)\b", LOG)
