"""Where a person is in the self-check, and what they answered so far.

Nothing is stored on the server: the progress travels with each form as one hidden field,
signed with `django.core.signing` so it cannot be forged or edited. A token that is not
ours, too old, from an older version of the questions, or that skips a step is refused as
a whole (`BadProgress`), and the check starts again.
"""

from dataclasses import dataclass, field, replace

from django.core import signing

from selfcheck import engine
from selfcheck.definition import Definition

SALT = "selfcheck.progress"
# Long enough to answer at a slow pace, short enough that a kiosk's last visitor's answers
# are useless by the time anyone could find them.
MAX_AGE = 60 * 60
# A real token is well under 2,000 characters; refuse anything far bigger before checking it.
MAX_TOKEN = 8_000
RESULT = "result"

StepAnswers = dict[str, tuple[str, ...]]

MISSING = "Your answers were missing, so the check has started again."
UNREADABLE = "Your answers could not be read, so the check has started again."
TIMED_OUT = "The check timed out, so it has started again."
CHANGED = "The questions have changed since you started, so the check has started again."
SKIPPED = "A step was missing from your answers, so the check has started again."


class BadProgress(Exception):
    """The hidden progress field cannot be trusted; `str()` is a message for the person."""


@dataclass(frozen=True)
class Progress:
    at: str
    # step id -> question id -> the option ids picked ("none of these" is no options).
    answers: dict[str, StepAnswers] = field(default_factory=dict)

    def flat(self) -> dict[str, tuple[str, ...]]:
        """question id -> options, for the engine."""
        return {q: options for step in self.answers.values() for q, options in step.items()}


def begin(definition: Definition) -> Progress:
    return Progress(at=definition.steps[0].id)


def step_ids(definition: Definition) -> list[str]:
    return [step.id for step in definition.steps]


def advance(definition: Definition, progress: Progress, answers: StepAnswers) -> Progress:
    """Record the answers to the current step and move on: to the next step, or straight to
    the result when the answers so far already call for an emergency or none are left."""
    recorded = {**progress.answers, progress.at: answers}
    ids = step_ids(definition)
    position = ids.index(progress.at)
    done = replace(progress, answers=recorded)
    if position + 1 == len(ids) or outcome(definition, done).level == engine.EMERGENCY:
        return replace(done, at=RESULT)
    return replace(done, at=ids[position + 1])


def back(definition: Definition, progress: Progress) -> Progress | None:
    """The step before the current one, or None from the first step (back to the start page)."""
    ids = step_ids(definition)
    if progress.at == RESULT:
        return replace(progress, at=[i for i in ids if i in progress.answers][-1])
    position = ids.index(progress.at)
    return replace(progress, at=ids[position - 1]) if position else None


def go_to(progress: Progress, step_id: str) -> Progress:
    """Jump back to a step already answered (from "change my answers")."""
    if step_id not in progress.answers:
        raise BadProgress("That step cannot be changed yet.")
    return replace(progress, at=step_id)


def outcome(definition: Definition, progress: Progress) -> engine.Outcome:
    return definition.evaluate(progress.flat())


def sign(definition: Definition, progress: Progress) -> str:
    payload = {"v": definition.version, "at": progress.at, "a": progress.answers}
    return signing.dumps(payload, salt=SALT, compress=True)


def unsign(definition: Definition, token: str | None) -> Progress:
    """The progress in `token`, checked against the definition, or BadProgress."""
    if not token:
        raise BadProgress(MISSING)
    if len(token) > MAX_TOKEN:
        raise BadProgress(UNREADABLE)
    try:
        payload = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired:
        raise BadProgress(TIMED_OUT) from None
    except signing.BadSignature:
        raise BadProgress(UNREADABLE) from None
    if not isinstance(payload, dict) or payload.get("v") != definition.version:
        raise BadProgress(CHANGED)
    progress = Progress(at=payload.get("at"), answers=_answers(definition, payload.get("a")))
    _check_position(definition, progress)
    return progress


def _answers(definition: Definition, data) -> dict[str, StepAnswers]:
    unreadable = BadProgress(UNREADABLE)
    if not isinstance(data, dict):
        raise unreadable
    answers = {}
    for step in definition.steps:
        if step.id not in data:
            continue
        given = data[step.id]
        if not isinstance(given, dict) or set(given) - {q.id for q in step.questions}:
            raise unreadable
        for question_id, options in given.items():
            known = definition.question(question_id).option_ids()
            if not isinstance(options, list) or not all(isinstance(o, str) and o in known for o in options):
                raise unreadable
        answers[step.id] = {q: tuple(options) for q, options in given.items()}
    if set(data) - set(answers):
        raise unreadable
    return answers


def _check_position(definition: Definition, progress: Progress) -> None:
    """Every step before the current one must have been answered; none may be skipped."""
    ids = step_ids(definition)
    answered = [i for i in ids if i in progress.answers]
    if answered == ids[: len(answered)]:
        if progress.at == RESULT:
            # The result comes after the last step, or early for an emergency.
            if len(answered) == len(ids) or (
                answered and outcome(definition, progress).level == engine.EMERGENCY
            ):
                return
        elif progress.at in ids and ids.index(progress.at) <= len(answered):
            return
    raise BadProgress(SKIPPED)
