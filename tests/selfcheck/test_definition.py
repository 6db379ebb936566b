"""content/selfcheck.yaml: the shipped file is valid, and a broken one is refused by name."""

import copy
import datetime
import re
import shutil

import pytest
import yaml

from articles import references
from selfcheck import engine
from selfcheck.definition import PLACEHOLDERS, DefinitionError, load, parse
from tests.selfcheck.loaded import SHIPPED, site_definition

RAW = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))

# Written out again here rather than imported, so the test does not share the loader's blind spots.
DIAGNOSTIC_PHRASES = [
    r"\byou have\b",
    r"\byou've\b",
    r"\byou don't have\b",
    r"\byou do not have\b",
    r"\bthis means\b",
    r"diagnos",
    r"\byou (?:probably|likely|may|might) have\b",
    r"\byou are suffering\b",
    r"\bsign(?:s)? (?:that|of) (?:you|your) (?:have|has)\b",
]


def broken(change) -> str:
    """The shipped file as YAML text, after `change` edited a copy of it."""
    data = copy.deepcopy(RAW)
    change(data)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def step(data, step_id):
    return next(s for s in data["steps"] if s["id"] == step_id)


def question(data, question_id):
    return next(q for s in data["steps"] for q in s["questions"] if q["id"] == question_id)


def rule(data, rule_id):
    return next(r for r in data["rules"] if r["id"] == rule_id)


def all_links(definition):
    for result in definition.results.values():
        yield from result.articles
    yield from (advice.link for advice in definition.advice.values() if advice.link)


def all_texts(definition):
    for step_ in definition.steps:
        yield f"step {step_.id}", step_.title
        yield f"step {step_.id}", step_.intro
        for q in step_.questions:
            yield f"question {q.id}", q.label
            yield f"question {q.id}", q.hint
            yield f"question {q.id}", q.none_label
            for option in q.options:
                yield f"option {q.id}.{option.id}", option.label
                yield f"option {q.id}.{option.id}", option.summary
                yield f"option {q.id}.{option.id}", option.hint
    for result in definition.results.values():
        for field in ("title", "summary"):
            yield f"result {result.level}", getattr(result, field)
        for field in ("do", "bring", "ask", "safety_net"):
            for text in getattr(result, field):
                yield f"result {result.level}", text
    for link in all_links(definition):
        yield f"link {link.url}", link.title
    for advice in definition.advice.values():
        yield f"advice {advice.id}", advice.title
        yield f"advice {advice.id}", advice.text


ACT_NOW_LEVELS = (engine.EMERGENCY, engine.ACT_NOW)


# --- the shipped file -----------------------------------------------------------------------


def test_it_loads_the_shipped_file():
    definition = load(SHIPPED)

    assert definition.version >= 1
    assert [s.id for s in definition.steps] == ["emergency", "urgent", "symptoms", "background"]
    assert set(definition.results) == set(engine.LEVELS)


def test_the_site_runs_the_shipped_file_as_loaded_once_at_start_up():
    # One way in: SelfcheckConfig.ready() loads CONTENT_DIR's file, and the views use that.
    assert site_definition() == load(SHIPPED)
    assert site_definition() is site_definition()


def test_it_has_no_question_or_result_text_that_reads_as_a_diagnosis():
    offenders = [
        f"{where}: {text!r}"
        for where, text in all_texts(site_definition())
        for phrase in DIAGNOSTIC_PHRASES
        if re.search(phrase, text.replace("\u2019", "'").lower())
    ]

    assert offenders == []


# Pages of the site's own that are not articles, and may be linked as they are.
TOOL_PAGES = {"/my-result/"}


def test_it_links_only_to_published_articles_that_exist():
    articles = SHIPPED.parent / "articles"
    for link in all_links(site_definition()):
        if link.url in TOOL_PAGES:
            continue
        slug = re.fullmatch(r"/articles/([a-z0-9-]+)/", link.url).group(1)
        source = articles / f"{slug}.md"
        assert source.exists(), link.url
        assert re.search(r"^status: published$", source.read_text(encoding="utf-8"), re.M), link.url


def test_it_gives_every_result_something_to_read_except_where_the_call_comes_first():
    for level, result in site_definition().results.items():
        if level in ACT_NOW_LEVELS:
            assert result.articles == (), level
        else:
            assert result.articles, level


def test_it_tells_every_result_what_to_do_bring_and_ask():
    for result in site_definition().results.values():
        assert result.title and result.summary
        assert result.do and result.bring and result.ask


def test_it_tells_every_non_emergency_result_when_to_get_help_sooner():
    for level, result in site_definition().results.items():
        if level != engine.EMERGENCY:
            assert any("{emergency_number}" in text for text in result.safety_net), level


def test_it_names_the_out_of_hours_number_on_the_urgent_result():
    urgent = site_definition().results[engine.URGENT]

    assert any("{urgent_care_number}" in text for text in urgent.do)
    assert not any("not an emergency" in text.lower() for text in [urgent.summary, *urgent.do])


def test_the_urgent_step_never_says_its_signs_are_not_an_emergency():
    intro = site_definition().step("urgent").intro

    assert "not an emergency" not in intro.lower()
    assert "{emergency_number}" in intro


def test_it_names_a_crisis_line_and_the_emergency_number_for_thoughts_of_self_harm():
    definition = site_definition()
    outcome = definition.evaluate({"emergency": {"self_harm"}})
    texts = [definition.advice[a].text for a in outcome.leading]

    assert outcome.level == engine.EMERGENCY
    assert any("{crisis_line}" in text and "{emergency_number}" in text for text in texts)


def test_the_act_now_result_puts_the_cancer_line_first_and_the_emergency_number_second():
    result = site_definition().results[engine.ACT_NOW]

    assert "cancer care team's 24-hour" in result.title
    assert "24-hour" in result.do[0]
    assert "{emergency_number}" in result.do[1]


def test_no_result_or_note_that_can_reach_an_emergency_page_sends_anyone_elsewhere_first():
    definition = site_definition()
    texts = [text for _, text in all_texts(definition)]

    assert not [t for t in texts if re.search(r"\bteam\b[^.]*\bfirst\b", t)]
    for level in ACT_NOW_LEVELS:
        result = definition.results[level]
        for text in (result.title, result.summary, *result.do):
            assert "surgery" not in text and "GP today" not in text, (level, text)


def test_it_gives_the_uk_daily_intake_wherever_intake_is_mentioned():
    mentions = [text for _, text in all_texts(site_definition()) if "microgram" in text or "µg" in text]

    assert mentions
    for text in mentions:
        assert "1.5 micrograms" in text and "UK" in text, text


def test_it_says_b12_treatment_is_usually_for_life_after_stomach_or_bowel_surgery():
    definition = site_definition()
    outcome = definition.evaluate({"risks": {"gut_surgery"}})

    assert "after-surgery" in outcome.advice
    assert "for life" in definition.advice["after-surgery"].text


def test_every_rule_names_its_basis_and_every_source_is_a_current_reference():
    definition = site_definition()
    known = references.load(SHIPPED.parent)

    for rule in definition.rules:
        basis = definition.basis[rule.id]
        assert basis, rule.id
        for entry in basis:
            assert entry.guidance or (entry.source in known and entry.section), (rule.id, entry)
            if entry.source:
                assert not known[entry.source].superseded, (rule.id, entry.source)


def test_it_routes_a_high_result_to_a_talk_with_a_clinician_not_a_supplement_change():
    definition = site_definition()
    outcome = definition.evaluate({"b12_result": "high"})
    advice = definition.advice["high-result"].text.lower()

    assert "high-result" in outcome.advice
    assert "clinician" in advice
    assert "do not start or stop" in advice
    assert "one reading" in advice


def test_it_summarises_answers_in_the_order_the_questions_ask_them():
    definition = site_definition()
    answers = (engine.Answer("risks", "diet"), engine.Answer("emergency", "chest_pain"))

    assert definition.summaries(answers) == [
        "chest pain or tightness right now",
        "a vegan or vegetarian diet without B12 supplements",
    ]


# --- broken files are refused, naming the problem --------------------------------------------


def refused(text) -> str:
    with pytest.raises(DefinitionError) as caught:
        parse(text, source="selfcheck.yaml")
    return str(caught.value)


def test_it_refuses_a_rule_naming_an_option_that_does_not_exist():
    text = broken(lambda d: rule(d, "racing-heart-at-rest")["when"][0].update(selected=["racing"]))

    message = refused(text)

    assert "racing-heart-at-rest" in message
    assert "no option 'racing'" in message


def test_it_refuses_a_rule_naming_a_question_that_does_not_exist():
    text = broken(lambda d: rule(d, "racing-heart-at-rest")["when"][0].update(question="heart"))

    assert "question 'heart' does not exist" in refused(text)


def test_it_refuses_an_unknown_level():
    text = broken(lambda d: rule(d, "racing-heart-at-rest").update(level="whenever"))

    message = refused(text)

    assert "racing-heart-at-rest" in message
    assert "unknown level 'whenever'" in message


def test_it_refuses_a_rule_without_a_basis():
    text = broken(lambda d: rule(d, "difficulty-swallowing").pop("basis"))

    message = refused(text)

    assert "difficulty-swallowing" in message
    assert "missing basis" in message


def test_it_refuses_a_rule_with_an_empty_basis():
    text = broken(lambda d: rule(d, "difficulty-swallowing").update(basis=[]))

    assert "'difficulty-swallowing': basis: expected a non-empty list" in refused(text)


def test_it_refuses_a_basis_citing_a_source_that_is_not_in_the_references():
    text = broken(
        lambda d: rule(d, "difficulty-swallowing").update(basis=[{"source": "nice-ng999", "section": "1.1"}])
    )

    assert "source: 'nice-ng999' is not an id in references.yaml" in refused(text)


def test_it_refuses_a_basis_citing_a_superseded_source():
    text = broken(
        lambda d: rule(d, "low-b12-result").update(basis=[{"source": "devalia-2014", "section": "4"}])
    )

    assert "source: 'devalia-2014' is superseded by 'nice-ng239'" in refused(text)


def test_it_refuses_a_basis_source_without_its_section():
    text = broken(lambda d: rule(d, "difficulty-swallowing").update(basis=[{"source": "nice-ng12"}]))

    assert "basis[0]: missing section" in refused(text)


def test_it_accepts_guidance_named_in_words_as_a_basis():
    text = broken(
        lambda d: rule(d, "difficulty-swallowing").update(basis=[{"guidance": "NHS: swallowing problems"}])
    )

    definition = parse(text)

    assert str(definition.basis["difficulty-swallowing"][0]) == "NHS: swallowing problems"


def test_it_checks_sources_against_the_references_file_beside_it(content_copy):
    path = content_copy / "references.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("id: nice-ng12\n", "id: nice-ng12-old\n"), encoding="utf-8"
    )

    with pytest.raises(DefinitionError, match="source: 'nice-ng12' is not an id in references.yaml"):
        load(content_copy / "selfcheck.yaml")


def test_it_refuses_to_load_when_the_references_cannot_be_read(tmp_path):
    shutil.copy(SHIPPED, tmp_path / "selfcheck.yaml")

    with pytest.raises(DefinitionError, match="the rules' sources cannot be checked"):
        load(tmp_path / "selfcheck.yaml")


def test_it_refuses_a_missing_result_text():
    text = broken(lambda d: d["results"].pop("soon"))

    assert "missing the result text for soon" in refused(text)


def test_it_refuses_a_result_with_an_empty_title():
    text = broken(lambda d: d["results"]["urgent"].update(title=""))

    assert "results: urgent: title: missing text" in refused(text)


@pytest.mark.parametrize(
    "change,expected",
    [
        (lambda d: d["steps"].append(copy.deepcopy(d["steps"][0])), "steps: duplicate id 'emergency'"),
        (
            lambda d: step(d, "urgent")["questions"][0].update(id="emergency"),
            "questions: duplicate id 'emergency'",
        ),
        (
            lambda d: question(d, "age")["options"].append({"id": "under_16", "label": "x", "summary": "y"}),
            "duplicate id 'under_16'",
        ),
        (
            lambda d: d["rules"].append(copy.deepcopy(d["rules"][0])),
            "rules: duplicate id 'chest-breathing-or-consciousness'",
        ),
    ],
    ids=["step", "question", "option", "rule"],
)
def test_it_refuses_duplicate_ids(change, expected):
    assert expected in refused(broken(change))


def test_it_refuses_broken_yaml_naming_the_line():
    message = refused("version: 1\nsteps: [\n  - id: x\n")

    assert "not valid YAML at line" in message


def test_it_refuses_a_file_that_is_not_a_mapping():
    assert "expected a mapping" in refused("- just\n- a list\n")


def test_it_refuses_an_unknown_field_so_typos_are_caught():
    text = broken(lambda d: question(d, "age").update(lable="How old?"))

    assert "unknown field lable" in refused(text)


def test_it_refuses_wording_that_reads_as_a_diagnosis():
    text = broken(lambda d: d["results"]["soon"].update(summary="This means you have low B12."))

    message = refused(text)

    assert "results: soon: summary" in message
    assert "reads as a diagnosis" in message


def test_it_refuses_an_emergency_sign_that_no_rule_routes_to_emergency():
    def add_sign(d):
        question(d, "emergency")["options"].append({"id": "seizure", "label": "A fit", "summary": "a fit"})

    message = refused(broken(add_sign))

    assert "option 'seizure' on its own leads to 'information'" in message


def test_it_refuses_a_sign_to_check_soon_that_no_rule_routes_there():
    text = broken(lambda d: rule(d, "new-lump")["when"][0].update(selected=["swallowing"]))

    assert "option 'lump' on its own leads to 'information', but this question's floor is 'soon'" in refused(
        text
    )


def test_it_refuses_advice_that_does_not_exist():
    text = broken(lambda d: rule(d, "high-b12-result").update(advice=["panic"]))

    assert "advice 'panic' is not in the advice section" in refused(text)


def test_it_refuses_an_article_link_to_another_site():
    def link_out(d):
        d["results"]["routine"]["articles"][0]["url"] = "https://example.com/"

    assert "must be a site path" in refused(broken(link_out))


def test_it_refuses_an_advice_link_to_another_site():
    def link_out(d):
        d["advice"]["high-result"]["link"]["url"] = "http://example.com/high/"

    assert "advice: 'high-result': link: url 'http://example.com/high/' must be a site path" in refused(
        broken(link_out)
    )


def test_it_refuses_a_placeholder_other_than_the_three_numbers():
    text = broken(lambda d: d["results"]["emergency"].update(title="Call {phone} now"))

    assert "only placeholders allowed are {emergency_number}, {urgent_care_number}, {crisis_line}" in refused(
        text
    )


@pytest.mark.parametrize("placeholder", PLACEHOLDERS)
def test_it_accepts_each_of_the_three_placeholders(placeholder):
    text = broken(lambda d: d["results"]["urgent"].update(summary=f"Call {placeholder} today."))

    assert parse(text).results["urgent"].summary == f"Call {placeholder} today."


def test_it_refuses_a_reviewer_without_a_review_date():
    text = broken(lambda d: d.update(reviewed_by="Someone"))

    assert "reviewed_by and last_reviewed: fill in both when a clinician signs off, or neither" in refused(
        text
    )


def test_it_refuses_a_review_date_without_a_reviewer():
    text = broken(lambda d: d.update(last_reviewed=datetime.date(2026, 12, 1), reviewed_by=""))

    assert "fill in both when a clinician signs off, or neither" in refused(text)


def test_it_refuses_ask_if_pointing_outside_its_step():
    text = broken(lambda d: question(d, "duration").update(ask_if="risks"))

    assert "'risks' is not another question on the same step" in refused(text)


def test_it_names_the_file_when_it_cannot_be_read(tmp_path):
    with pytest.raises(DefinitionError, match="missing.yaml: cannot be read"):
        load(tmp_path / "missing.yaml")


def test_it_names_the_file_in_every_message(tmp_path):
    shutil.copy(SHIPPED.parent / "references.yaml", tmp_path / "references.yaml")
    path = tmp_path / "selfcheck.yaml"
    path.write_text(broken(lambda d: d.pop("rules")), encoding="utf-8")

    with pytest.raises(DefinitionError, match=r"selfcheck\.yaml: the file: missing rules"):
        load(path)


def test_every_result_and_note_reads_at_grade_8_or_below():
    from articles.readability import measure

    definition = site_definition()

    def items(texts):
        return "<ul>" + "".join(f"<li>{text}</li>" for text in texts) + "</ul>"

    blocks = {
        f"result {r.level}": f"<p>{r.summary}</p>{items(r.do)}{items(r.safety_net)}"
        for r in definition.results.values()
    }
    blocks |= {f"advice {a.id}": f"<p>{a.text}</p>" for a in definition.advice.values()}
    for where, html in blocks.items():
        assert measure(html).grade <= 8, where
