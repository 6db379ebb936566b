"""Load and check `content/selfcheck-cases.yaml`: the cases the self-check is tested against.

Each case is a person's answers, the least urgent level that would still be safe for them
(`lowest`) and the most urgent level that would still be proportionate (`highest`). A test
walks every case through the real pages; /self-check/how-we-test/ publishes them all with
the level the check gives today. `load()` refuses a case that names a question or answer
the check does not have, so the published set always matches the questions people see.
"""

import datetime
from dataclasses import dataclass
from pathlib import Path

from common import datafile, overlay
from common.datafile import DataFileError
from selfcheck import engine
from selfcheck.definition import NONE, Definition, DefinitionError, Question

FILE_NAME = "selfcheck-cases.yaml"
# Beside reviewed_by: when a clinician signed the cases off, and when they are due again.
REVIEW_DATES = ("last_reviewed", "next_review_due")
# Under-triage sends someone to care later than they need; over-triage sooner.
UNDER = "under"
OVER = "over"
WITHIN = "within"
# The fields whose values are words a reader sees: all a translation may replace (common.overlay).
TEXT_FIELDS = ("status", "title", "description", "source")


class CasesError(DefinitionError):
    """The cases file is invalid. The message says where and why."""


@dataclass(frozen=True)
class Case:
    number: int
    group: str
    description: str
    # question id -> the options picked; questions not named are answered "none of these"
    # (or left blank when they may be), except those in the file's `defaults`.
    answers: dict[str, tuple[str, ...]]
    lowest: str
    highest: str
    source: str

    def verdict(self, level: str) -> str:
        if engine.rank(level) > engine.rank(self.lowest):
            return UNDER
        if engine.rank(level) < engine.rank(self.highest):
            return OVER
        return WITHIN

    def posts(self, definition: Definition) -> list[dict]:
        """What each step's form would send for these answers, step by step."""
        posts = []
        for step in definition.steps:
            fields = {}
            for question in step.questions:
                picked = self.answers.get(question.id, ())
                if question.ask_if and not self.answers.get(question.ask_if):
                    continue
                if question.multiple:
                    fields[question.id] = list(picked) or NONE
                elif picked:
                    fields[question.id] = picked[0]
            posts.append(fields)
        return posts


@dataclass(frozen=True)
class Group:
    id: str
    title: str
    cases: tuple[Case, ...]


@dataclass(frozen=True)
class CaseSet:
    updated: object
    status: str
    reviewed_by: str
    groups: tuple[Group, ...]
    last_reviewed: datetime.date | None = None
    next_review_due: datetime.date | None = None

    @property
    def cases(self) -> tuple[Case, ...]:
        return tuple(case for group in self.groups for case in group.cases)


def load(path: Path | str, definition: Definition) -> CaseSet:
    path = Path(path)
    data = datafile.read_yaml(path, CasesError)
    try:
        return _case_set(data, definition)
    except DataFileError as exc:
        raise CasesError(f"{path}: {exc}") from None


def load_translation(content_dir: Path | str, language: str, definition: Definition, english: CaseSet):
    """(the cases in `language`, their Translation): the English cases with the words of
    content/<language>/selfcheck-cases.yaml, checked as the English are; `english` itself while
    the translation is stale."""
    content_dir = Path(content_dir)
    data, translation = overlay.translate(
        content_dir / FILE_NAME, content_dir / language / FILE_NAME, language, TEXT_FIELDS, CasesError
    )
    if data is None:
        return english, translation
    try:
        translated = _case_set(data, definition)
    except DataFileError as exc:
        raise CasesError(f"{translation.file}: {exc}") from None
    return (english if translation.is_stale else translated), translation


def _case_set(data, definition: Definition) -> CaseSet:
    # The sign-off's dates came later than the file: a file without them is not yet signed off.
    review_dates = {name: data.pop(name, None) for name in REVIEW_DATES} if isinstance(data, dict) else {}
    datafile.fields(data, "the file", required=("updated", "status", "reviewed_by", "defaults", "groups"))
    for name, value in review_dates.items():
        datafile.date(value, name)
    problem = datafile.review_fields_problem(data["reviewed_by"] or "", **review_dates)
    if problem:
        raise CasesError(problem)
    defaults = _answers(data["defaults"] or {}, "defaults", definition)
    if not isinstance(data["groups"], list) or not data["groups"]:
        raise CasesError("groups: expected a non-empty list")
    groups, number, seen = [], 0, set()
    for g, group in enumerate(data["groups"]):
        where = f"groups[{g}]"
        datafile.fields(group, where, required=("id", "title", "cases"))
        if group["id"] in seen:
            raise CasesError(f"{where}: duplicate id '{group['id']}'")
        seen.add(group["id"])
        if not isinstance(group["cases"], list) or not group["cases"]:
            raise CasesError(f"{where}: cases: expected a non-empty list")
        cases = []
        for c, entry in enumerate(group["cases"]):
            number += 1
            cases.append(
                _case(
                    entry, f"{where} '{group['id']}': cases[{c}]", number, group["id"], defaults, definition
                )
            )
        groups.append(
            Group(id=group["id"], title=datafile.text(group["title"], f"{where}: title"), cases=tuple(cases))
        )
    return CaseSet(
        updated=data["updated"],
        status=datafile.text(data["status"], "status"),
        reviewed_by=data["reviewed_by"] or "",
        groups=tuple(groups),
        **review_dates,
    )


def _case(data, where, number, group, defaults, definition) -> Case:
    datafile.fields(data, where, required=("description", "answers", "lowest", "highest", "source"))
    description = datafile.text(data["description"], f"{where}: description")
    where = f"{where} ({description})"
    answers = {**defaults, **_answers(data["answers"], f"{where}: answers", definition)}
    for question in definition.questions:
        if question.ask_if and answers.get(question.id) and not answers.get(question.ask_if):
            raise CasesError(f"{where}: '{question.id}' is only asked when '{question.ask_if}' has an answer")
        if question.ask_if and answers.get(question.ask_if) and not answers.get(question.id):
            raise CasesError(f"{where}: '{question.id}' needs an answer when '{question.ask_if}' has one")
    lowest, highest = data["lowest"], data["highest"]
    for name, level in (("lowest", lowest), ("highest", highest)):
        if level not in engine.LEVELS:
            raise CasesError(
                f"{where}: {name}: unknown level '{level}' (use one of {', '.join(engine.LEVELS)})"
            )
    if engine.rank(highest) > engine.rank(lowest):
        raise CasesError(f"{where}: highest '{highest}' is less urgent than lowest '{lowest}'")
    return Case(
        number=number,
        group=group,
        description=description,
        answers=answers,
        lowest=lowest,
        highest=highest,
        source=datafile.text(data["source"], f"{where}: source"),
    )


def _answers(data, where, definition: Definition) -> dict[str, tuple[str, ...]]:
    if not isinstance(data, dict):
        raise CasesError(f"{where}: expected question: answers")
    answers = {}
    for question_id, value in data.items():
        try:
            question = definition.question(question_id)
        except KeyError:
            raise CasesError(f"{where}: question '{question_id}' does not exist") from None
        answers[question_id] = _options(question, value, f"{where}: {question_id}")
    return answers


def _options(question: Question, value, where) -> tuple[str, ...]:
    options = [value] if isinstance(value, str) else value
    if not isinstance(options, list) or not options:
        raise CasesError(f"{where}: expected an option id or a list of them")
    if not question.multiple and len(options) != 1:
        raise CasesError(f"{where}: a single-choice question takes one answer")
    for option in options:
        if option not in question.option_ids():
            raise CasesError(f"{where}: question '{question.id}' has no option '{option}'")
    return tuple(options)
