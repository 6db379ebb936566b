"""The self-check rules engine: answers in, a level of care and the reasons out.

A pure function with no Django and no I/O, so the rules can be tested exhaustively and reused
anywhere. The rules themselves come from `content/selfcheck.yaml` (see `definition.py`).

How a result is chosen:

- A rule fires when every one of its clauses matches. A clause matches when the person picked
  at least one of the clause's options for that question.
- The result is the most urgent level among the rules that fired, or "information" when none did.
- There is no negation anywhere, so picking one more answer can only make more rules fire:
  the level never goes down when an answer is added.
"""

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

EMERGENCY = "emergency"
# Call the cancer care team's 24-hour line now (the emergency number if it cannot be reached):
# a temperature or feeling unwell during cancer treatment. As urgent as it gets without 999.
ACT_NOW = "act_now"
URGENT = "urgent"
SOON = "soon"
ROUTINE = "routine"
INFORMATION = "information"

# Most urgent first. Code compares levels by position in this tuple.
LEVELS = (EMERGENCY, ACT_NOW, URGENT, SOON, ROUTINE, INFORMATION)

Answers = Mapping[str, Collection[str] | str]


def rank(level: str) -> int:
    """0 for the most urgent level; a larger number is less urgent."""
    return LEVELS.index(level)


def at_least(level: str, floor: str) -> bool:
    """True when `level` is as urgent as `floor` or more."""
    return rank(level) <= rank(floor)


@dataclass(frozen=True)
class Answer:
    """One picked option of one question."""

    question: str
    option: str


@dataclass(frozen=True)
class Clause:
    """Matches when the person picked any of `options` for `question`."""

    question: str
    options: frozenset[str]

    def matches(self, answers: Answers) -> tuple[Answer, ...]:
        picked = _picked(answers, self.question)
        return tuple(Answer(self.question, o) for o in sorted(picked & self.options))


@dataclass(frozen=True)
class Rule:
    id: str
    level: str
    when: tuple[Clause, ...]
    advice: tuple[str, ...] = ()

    def matches(self, answers: Answers) -> tuple[Answer, ...] | None:
        """The answers that made every clause match, or None when the rule does not fire."""
        found: list[Answer] = []
        for clause in self.when:
            matched = clause.matches(answers)
            if not matched:
                return None
            found.extend(matched)
        return tuple(found)


@dataclass(frozen=True)
class Outcome:
    level: str
    # The answers behind the rules at the chosen level: "You told us …".
    reasons: tuple[Answer, ...]
    # Every rule that fired, in file order (also the less urgent ones).
    rules: tuple[str, ...]
    # Extra advice from every rule that fired, in file order, without repeats.
    advice: tuple[str, ...]
    # The part of `advice` that comes from the rules at the chosen level: the notes that
    # belong with what to do now, rather than after it.
    leading: tuple[str, ...] = ()


def evaluate(rules: Iterable[Rule], answers: Answers) -> Outcome:
    """The level of care the answers call for, and why.

    `answers` maps a question id to the option ids picked (a single-choice answer may be a
    plain string). "None of these" is never an answer here: it is simply no options.
    """
    fired = [(rule, found) for rule in rules if (found := rule.matches(answers)) is not None]
    if not fired:
        return Outcome(INFORMATION, (), (), ())
    level = min((rule.level for rule, _ in fired), key=rank)
    reasons = _unique(a for rule, found in fired if rule.level == level for a in found)
    advice = _unique(a for rule, _ in fired for a in rule.advice)
    leading = _unique(a for rule, _ in fired if rule.level == level for a in rule.advice)
    return Outcome(level, reasons, tuple(rule.id for rule, _ in fired), advice, leading)


def _picked(answers: Answers, question: str) -> frozenset[str]:
    value = answers.get(question) or ()
    return frozenset((value,) if isinstance(value, str) else value)


def _unique(items):
    return tuple(dict.fromkeys(items))
