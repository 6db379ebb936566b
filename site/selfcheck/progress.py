"""Where a person is in the self-check, and what they answered so far.

Nothing is stored on the server: the progress travels with each form as one hidden field.
That field is encrypted and authenticated (Fernet: AES in CBC mode with an HMAC, keyed
from the site's secret key), so it can be neither read nor changed by anyone who sees the
page source or a copied form body. A token that is not ours, too old, from an older version
of the questions, or that skips a step is refused as a whole (`BadProgress`), and the check
starts again.

Each check carries a random nonce from its first page to its result, so the daily count can
tell a result seen again (a resent form, "change my answers") from a new check.
"""

import base64
import binascii
import json
import re
import secrets
import time
from dataclasses import dataclass, field, replace
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.utils.translation import gettext_noop

from selfcheck import engine
from selfcheck.definition import Definition

SALT = "selfcheck.progress"
# Long enough to answer at a slow pace, short enough that a kiosk's last visitor's answers
# are useless by the time anyone could find them.
MAX_AGE = 60 * 60
# A real token is well under 2,000 characters; refuse anything far bigger before checking it.
MAX_TOKEN = 8_000
RESULT = "result"
# A level this urgent ends the check as soon as nothing still to be asked could raise it:
# the person has something to do now, not more questions to answer.
STOP_AT = engine.ACT_NOW
NONCE = re.compile(r"^[A-Za-z0-9_-]{22}$")

StepAnswers = dict[str, tuple[str, ...]]

MISSING = gettext_noop("Your answers were missing, so the check has started again.")
UNREADABLE = gettext_noop("Your answers could not be read, so the check has started again.")
TIMED_OUT = gettext_noop("The check timed out, so it has started again.")
CHANGED = gettext_noop("The questions have changed since you started, so the check has started again.")
SKIPPED = gettext_noop("A step was missing from your answers, so the check has started again.")
NOT_YET = gettext_noop("That step cannot be changed yet.")


class BadProgress(Exception):
    """The hidden progress field cannot be trusted; `str()` is a message for the person, in
    English: the view shows it translated (gettext)."""


@dataclass(frozen=True)
class Progress:
    at: str
    # step id -> question id -> the option ids picked ("none of these" is no options).
    answers: dict[str, StepAnswers] = field(default_factory=dict)
    # One random value per check, kept from its first step to its result.
    nonce: str = ""

    def flat(self) -> dict[str, tuple[str, ...]]:
        """question id -> options, for the engine."""
        return {q: options for step in self.answers.values() for q, options in step.items()}


def begin(definition: Definition) -> Progress:
    return Progress(at=definition.steps[0].id, nonce=secrets.token_urlsafe(16))


def step_ids(definition: Definition) -> list[str]:
    return [step.id for step in definition.steps]


def advance(definition: Definition, progress: Progress, answers: StepAnswers) -> Progress:
    """Record the answers to the current step and move on: to the next step, or straight to
    the result when the answers so far already say to act now or none are left."""
    recorded = {**progress.answers, progress.at: answers}
    ids = step_ids(definition)
    position = ids.index(progress.at)
    done = replace(progress, answers=recorded)
    if position + 1 == len(ids) or stops_after(definition, done, progress.at):
        return replace(done, at=RESULT)
    return replace(done, at=ids[position + 1])


def stops_after(definition: Definition, progress: Progress, step_id: str) -> bool:
    """Whether the check ends after `step_id`: the answers so far call for acting now, and no
    question still to come could make that more urgent (so nothing is missed by stopping)."""
    level = outcome(definition, progress).level
    return engine.at_least(level, STOP_AT) and not definition.can_rise_after(step_id, level)


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
        raise BadProgress(NOT_YET)
    return replace(progress, at=step_id)


def outcome(definition: Definition, progress: Progress) -> engine.Outcome:
    return definition.evaluate(progress.flat())


def seal(definition: Definition, progress: Progress) -> str:
    """The progress as an encrypted, authenticated, time-stamped token for the hidden field."""
    return seal_payload(
        {"v": definition.version, "at": progress.at, "a": progress.answers, "n": progress.nonce}
    )


def seal_payload(payload: dict) -> str:
    data = json.dumps(payload, separators=(",", ":")).encode()
    return _fernet().encrypt(data).decode("ascii")


def unseal(definition: Definition, token: str | None) -> Progress:
    """The progress in `token`, checked against the definition, or BadProgress."""
    if not token:
        raise BadProgress(MISSING)
    if len(token) > MAX_TOKEN:
        raise BadProgress(UNREADABLE)
    fernet = _fernet()
    try:
        data = fernet.decrypt(token.encode())
        issued = fernet.extract_timestamp(token.encode())
        payload = json.loads(data)
    except (InvalidToken, ValueError, UnicodeError, binascii.Error):
        raise BadProgress(UNREADABLE) from None
    if time.time() - issued > MAX_AGE:
        raise BadProgress(TIMED_OUT)
    if not isinstance(payload, dict) or payload.get("v") != definition.version:
        raise BadProgress(CHANGED)
    nonce = payload.get("n")
    if not isinstance(nonce, str) or not NONCE.match(nonce):
        raise BadProgress(UNREADABLE)
    progress = Progress(at=payload.get("at"), answers=_answers(definition, payload.get("a")), nonce=nonce)
    _check_position(definition, progress)
    return progress


def _fernet() -> MultiFernet:
    # The current key encrypts; old keys (SECRET_KEY_FALLBACKS) still open a check begun
    # before a key rotation.
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", ())]
    return MultiFernet([_cipher(key) for key in keys])


@cache
def _cipher(secret: str) -> Fernet:
    # A key of its own for this purpose, derived from the secret key: the secret itself is
    # never used as a cipher key, and no other use of it can produce this one.
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=SALT.encode(), info=b"progress token").derive(
        secret.encode()
    )
    return Fernet(base64.urlsafe_b64encode(key))


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
            # The result comes after the last step, or early when the answers say to act now.
            if len(answered) == len(ids) or (answered and stops_after(definition, progress, answered[-1])):
                return
        elif progress.at in ids and ids.index(progress.at) <= len(answered):
            return
    raise BadProgress(SKIPPED)
