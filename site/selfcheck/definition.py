"""Load and check `content/selfcheck.yaml`: the questions, answers, rules and result texts.

`load()` turns the file into frozen dataclasses or raises `DefinitionError` with a message
that names the file, the place in it and the problem. It is strict on purpose: an unknown
field, an option a rule cannot find, a missing result text, a rule that does not say which
guideline it comes from, or wording that reads as a diagnosis all stop the site from
starting rather than reaching a worried reader.
"""

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from articles import references as reference_list
from common import datafile, overlay
from common.datafile import DataFileError, Link
from selfcheck import engine

FILE_NAME = "selfcheck.yaml"

IDENT = re.compile(r"^[a-z][a-z0-9_-]*$")
# "None of these" is sent as this value; no option may use it as its own id.
NONE = "none"
# The placeholders text may hold, each filled in from a setting of the same name
# (EMERGENCY_NUMBER, URGENT_CARE_NUMBER, CRISIS_LINE).
EMERGENCY_NUMBER = "{emergency_number}"
URGENT_CARE_NUMBER = "{urgent_care_number}"
CRISIS_LINE = "{crisis_line}"
PLACEHOLDERS = (EMERGENCY_NUMBER, URGENT_CARE_NUMBER, CRISIS_LINE)
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
KINDS = ("multiple", "single")
# The fields whose values are words a reader sees: all a translation may replace (common.overlay).
# A rule's basis is not among them: it names English guidance and no reader is shown it.
TEXT_FIELDS = (
    "title", "intro", "label", "hint", "none_label", "summary", "do", "bring", "ask", "safety_net", "text",
)  # fmt: skip


class DefinitionError(DataFileError):
    """The self-check file is invalid. The message says where and why."""


@dataclass(frozen=True)
class Option:
    id: str
    label: str
    # How the answer reads after "You told us about:".
    summary: str
    hint: str = ""


@dataclass(frozen=True)
class Question:
    id: str
    kind: str
    label: str
    options: tuple[Option, ...]
    hint: str = ""
    # Multiple choice only: the label of the exclusive "none of these" answer.
    none_label: str = ""
    required: bool = True
    # The id of another question on the same step: this one is asked only when that one
    # has at least one option picked (and then it is required).
    ask_if: str = ""
    # Each option picked on its own must lead to at least this level.
    floor: str = ""

    @property
    def multiple(self) -> bool:
        return self.kind == "multiple"

    def option(self, option_id: str) -> Option:
        """The option with this id; KeyError when there is none."""
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(option_id)

    def option_ids(self) -> frozenset[str]:
        return frozenset(o.id for o in self.options)


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    questions: tuple[Question, ...]
    intro: str = ""


@dataclass(frozen=True)
class Result:
    level: str
    # A few words naming the level in lists and tables ("Today", "Within 2 weeks").
    label: str
    # The level in words a person acts on ("Book an appointment …").
    title: str
    summary: str
    do: tuple[str, ...]
    bring: tuple[str, ...]
    ask: tuple[str, ...]
    # Further reading; none where nothing may compete with the call to make (emergency).
    articles: tuple[Link, ...] = ()
    # When to get help sooner, or come back.
    safety_net: tuple[str, ...] = ()


@dataclass(frozen=True)
class Basis:
    """Where a rule comes from: a section of a source in content/references.yaml, or public
    guidance that is not a citable reference (NHS 999 and 111 advice, FAST), named in words."""

    section: str = ""
    source: str = ""
    guidance: str = ""

    def __str__(self):
        return self.guidance or f"{self.source}: {self.section}"


@dataclass(frozen=True)
class Advice:
    id: str
    title: str
    text: str
    link: Link | None = None


@dataclass(frozen=True)
class Definition:
    version: int
    updated: datetime.date
    last_reviewed: datetime.date | None
    next_review_due: datetime.date | None
    reviewed_by: str
    steps: tuple[Step, ...]
    rules: tuple[engine.Rule, ...]
    results: dict[str, Result]
    advice: dict[str, Advice]
    # rule id -> the guidelines and sections it comes from.
    basis: dict[str, tuple[Basis, ...]]

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for step in self.steps for q in step.questions)

    def question(self, question_id: str) -> Question:
        """The question with this id; KeyError when there is none."""
        return {q.id: q for q in self.questions}[question_id]

    def step(self, step_id: str) -> Step:
        """The step with this id; KeyError when there is none."""
        return {s.id: s for s in self.steps}[step_id]

    def evaluate(self, answers: engine.Answers) -> engine.Outcome:
        return engine.evaluate(self.rules, answers)

    def step_of(self, question_id: str) -> Step:
        """The step that asks this question; KeyError when there is none."""
        for step in self.steps:
            if any(q.id == question_id for q in step.questions):
                return step
        raise KeyError(question_id)

    def can_rise_after(self, step_id: str, level: str) -> bool:
        """Whether an answer on a step after `step_id` could still make `level` more urgent:
        true when any rule more urgent than `level` asks about a question on a later step."""
        later = {
            q.id for step in self.steps[self.steps.index(self.step(step_id)) + 1 :] for q in step.questions
        }
        return any(
            engine.rank(rule.level) < engine.rank(level) and any(c.question in later for c in rule.when)
            for rule in self.rules
        )

    def summaries(self, answers: tuple[engine.Answer, ...]) -> list[str]:
        """The "You told us about" phrases for `answers`, in the order the questions ask them."""
        wanted = set(answers)
        return [
            option.summary
            for question in self.questions
            for option in question.options
            if engine.Answer(question.id, option.id) in wanted
        ]


def load(path: Path | str) -> Definition:
    """The definition in `path`, checked against the references file beside it.

    The site loads its own once, at start-up (SelfcheckConfig.ready), and the views and tests
    read that one: `apps.get_app_config("selfcheck").definition`.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DefinitionError(f"{path}: cannot be read: {exc.strerror or exc}") from exc
    return parse(text, source=str(path), references=_references(path.parent))


def parse(text: str, source: str = "selfcheck.yaml", references=None) -> Definition:
    """`references` maps a source id to its entry (articles.references); by default the
    site's own, references.yaml in CONTENT_DIR."""
    if references is None:
        references = _references(Path(settings.CONTENT_DIR))
    data = datafile.parse_yaml(text, source, DefinitionError)
    try:
        return _Builder(references).definition(data)
    except DataFileError as exc:
        raise DefinitionError(f"{source}: {exc}") from None


def load_translation(content_dir: Path | str, language: str, english: Definition):
    """(the definition in `language`, its Translation): the English rules with the words of
    content/<language>/selfcheck.yaml, built and checked as the English is.

    While the translation is stale the definition is `english` itself: a reader never meets
    a question or a result text that may be out of date.
    """
    content_dir = Path(content_dir)
    data, translation = overlay.translate(
        content_dir / FILE_NAME, content_dir / language / FILE_NAME, language, TEXT_FIELDS, DefinitionError
    )
    if data is None:
        return english, translation
    try:
        translated = _Builder(_references(content_dir)).definition(data)
    except DataFileError as exc:
        raise DefinitionError(f"{translation.file}: {exc}") from None
    return (english if translation.is_stale else translated), translation


def _references(content_dir: Path) -> dict:
    try:
        return reference_list.load(content_dir)
    except reference_list.ReferencesError as exc:
        raise DefinitionError(f"the rules' sources cannot be checked: {exc}") from exc


class _Builder:
    """Builds the dataclasses from parsed YAML, checking as it goes."""

    def __init__(self, references):
        self.references = references
        self.basis = {}

    def definition(self, data) -> Definition:
        datafile.fields(
            data, "the file", required=(*datafile.REVIEW_HEADER, "steps", "rules", "results", "advice")
        )
        header = datafile.review_header(data)

        advice = self.advice(data["advice"])
        steps = datafile.listed(data["steps"], "steps", self.step)
        _unique_ids(steps, "steps")
        questions = {q.id: q for step in steps for q in step.questions}
        _unique_ids([q for step in steps for q in step.questions], "questions")
        for step in steps:
            for question in step.questions:
                self.check_ask_if(question, step)
        rules = datafile.listed(data["rules"], "rules", lambda r, w: self.rule(r, w, questions, advice))
        _unique_ids(rules, "rules")
        results = self.results(data["results"])
        definition = Definition(
            **header,
            steps=tuple(steps),
            rules=tuple(rules),
            results=results,
            advice=advice,
            basis=self.basis,
        )
        _check_floors(definition)
        return definition

    def step(self, data, where) -> Step:
        datafile.fields(data, where, required=("id", "title", "questions"), optional=("intro",))
        step_id = _ident(data["id"], f"{where}: id")
        where = f"{where} '{step_id}'"
        questions = datafile.listed(data["questions"], f"{where}: questions", self.question)
        return Step(
            id=step_id,
            title=_text(data["title"], f"{where}: title"),
            intro=_text(data.get("intro"), f"{where}: intro", required=False),
            questions=tuple(questions),
        )

    def question(self, data, where) -> Question:
        optional = ("hint", "none_label", "required", "ask_if", "floor")
        datafile.fields(data, where, required=("id", "kind", "label", "options"), optional=optional)
        question_id = _ident(data["id"], f"{where}: id")
        where = f"{where} '{question_id}'"
        kind = data["kind"]
        if kind not in KINDS:
            raise DefinitionError(f"{where}: kind '{kind}' is unknown (use {' or '.join(KINDS)})")
        options = datafile.listed(data["options"], f"{where}: options", self.option)
        _unique_ids(options, f"{where}: options")
        none_label = _text(data.get("none_label"), f"{where}: none_label", required=False)
        if none_label and kind != "multiple":
            raise DefinitionError(f"{where}: none_label is only for multiple-choice questions")
        required = data.get("required", True)
        if not isinstance(required, bool):
            raise DefinitionError(f"{where}: required must be true or false")
        floor = data.get("floor") or ""
        if floor:
            _level(floor, f"{where}: floor")
        return Question(
            id=question_id,
            kind=kind,
            label=_text(data["label"], f"{where}: label"),
            hint=_text(data.get("hint"), f"{where}: hint", required=False),
            options=tuple(options),
            none_label=none_label,
            required=required,
            ask_if=data.get("ask_if") or "",
            floor=floor,
        )

    def option(self, data, where) -> Option:
        datafile.fields(data, where, required=("id", "label", "summary"), optional=("hint",))
        option_id = _ident(data["id"], f"{where}: id")
        if option_id == NONE:
            raise DefinitionError(f"{where}: the id '{NONE}' is kept for 'none of these'")
        where = f"{where} '{option_id}'"
        return Option(
            id=option_id,
            label=_text(data["label"], f"{where}: label"),
            summary=_text(data["summary"], f"{where}: summary"),
            hint=_text(data.get("hint"), f"{where}: hint", required=False),
        )

    def check_ask_if(self, question: Question, step: Step) -> None:
        if not question.ask_if:
            return
        where = f"steps '{step.id}': questions '{question.id}': ask_if"
        others = [q.id for q in step.questions if q.id != question.id]
        if question.ask_if not in others:
            raise DefinitionError(f"{where}: '{question.ask_if}' is not another question on the same step")

    def rule(self, data, where, questions, advice) -> engine.Rule:
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            # Named from the start, so "missing basis" says which rule.
            where = f"{where} '{data['id']}'"
        datafile.fields(data, where, required=("id", "level", "when", "basis"), optional=("advice",))
        rule_id = _ident(data["id"], f"{where}: id")
        level = _level(data["level"], f"{where}: level")
        clauses = datafile.listed(data["when"], f"{where}: when", lambda c, w: self.clause(c, w, questions))
        basis = data["basis"]
        if isinstance(basis, dict):
            basis = [basis]
        self.basis[rule_id] = tuple(datafile.listed(basis, f"{where}: basis", self.basis_entry))
        names = data.get("advice") or []
        if not isinstance(names, list):
            raise DefinitionError(f"{where}: advice must be a list of advice ids")
        for name in names:
            if name not in advice:
                raise DefinitionError(f"{where}: advice '{name}' is not in the advice section")
        return engine.Rule(id=rule_id, level=level, when=tuple(clauses), advice=tuple(names))

    def basis_entry(self, data, where) -> Basis:
        if isinstance(data, dict) and "guidance" in data:
            datafile.fields(data, where, required=("guidance",))
            return Basis(guidance=_text(data["guidance"], f"{where}: guidance"))
        datafile.fields(data, where, required=("source", "section"))
        source = datafile.source(data["source"], self.references, f"{where}: source").id
        return Basis(source=source, section=_text(data["section"], f"{where}: section"))

    def clause(self, data, where, questions) -> engine.Clause:
        datafile.fields(data, where, required=("question", "selected"))
        question = questions.get(data["question"])
        if question is None:
            raise DefinitionError(f"{where}: question '{data['question']}' does not exist")
        selected = data["selected"]
        if selected == "any":
            return engine.Clause(question.id, question.option_ids())
        if not isinstance(selected, list) or not selected:
            raise DefinitionError(f"{where}: selected must be 'any' or a list of option ids")
        for option_id in selected:
            if option_id not in question.option_ids():
                raise DefinitionError(f"{where}: question '{question.id}' has no option '{option_id}'")
        return engine.Clause(question.id, frozenset(selected))

    def results(self, data) -> dict[str, Result]:
        if not isinstance(data, dict):
            raise DefinitionError("results: expected one entry per level")
        for level in data:
            _level(level, f"results: '{level}'")
        missing = [level for level in engine.LEVELS if level not in data]
        if missing:
            raise DefinitionError(f"results: missing the result text for {', '.join(missing)}")
        return {level: self.result(level, data[level]) for level in engine.LEVELS}

    def result(self, level, data) -> Result:
        where = f"results: {level}"
        required = ("label", "title", "summary", "do", "bring", "ask")
        datafile.fields(data, where, required=required, optional=("safety_net", "articles"))
        articles = data.get("articles") or []
        return Result(
            level=level,
            label=_text(data["label"], f"{where}: label"),
            title=_text(data["title"], f"{where}: title"),
            summary=_text(data["summary"], f"{where}: summary"),
            do=_texts(data["do"], f"{where}: do"),
            bring=_texts(data["bring"], f"{where}: bring"),
            ask=_texts(data["ask"], f"{where}: ask"),
            articles=tuple(datafile.listed(articles, f"{where}: articles", datafile.link))
            if articles
            else (),
            safety_net=_texts(data.get("safety_net") or [], f"{where}: safety_net", empty=True),
        )

    def advice(self, data) -> dict[str, Advice]:
        if not isinstance(data, dict):
            raise DefinitionError("advice: expected a mapping of advice id to title and text")
        found = {}
        for advice_id, body in data.items():
            where = f"advice: '{_ident(advice_id, 'advice: id')}'"
            datafile.fields(body, where, required=("title", "text"), optional=("link",))
            found[advice_id] = Advice(
                id=advice_id,
                title=_text(body["title"], f"{where}: title"),
                text=_text(body["text"], f"{where}: text"),
                link=datafile.link(body["link"], f"{where}: link") if body.get("link") else None,
            )
        return found


def _check_floors(definition: Definition) -> None:
    for question in definition.questions:
        if not question.floor:
            continue
        for option in question.options:
            level = definition.evaluate({question.id: {option.id}}).level
            if not engine.at_least(level, question.floor):
                raise DefinitionError(
                    f"questions '{question.id}': option '{option.id}' on its own leads to "
                    f"'{level}', but this question's floor is '{question.floor}'"
                )


def _unique_ids(items, where) -> None:
    seen = set()
    for item in items:
        if item.id in seen:
            raise DefinitionError(f"{where}: duplicate id '{item.id}'")
        seen.add(item.id)


def _ident(value, where) -> str:
    if not isinstance(value, str) or not IDENT.match(value):
        raise DefinitionError(f"{where}: '{value}' is not a valid id (lower-case letters, digits, - and _)")
    return value


def _level(value, where) -> str:
    if value not in engine.LEVELS:
        raise DefinitionError(f"{where}: unknown level '{value}' (use one of {', '.join(engine.LEVELS)})")
    return value


def _text(value, where, required=True) -> str:
    return datafile.text(value, where, required=required, placeholders=PLACEHOLDERS)


def _texts(data, where, empty=False) -> tuple[str, ...]:
    return datafile.texts(data, where, empty=empty, placeholders=PLACEHOLDERS)
