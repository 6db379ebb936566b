"""What `content/result-explainer.yaml` holds, once loaded and checked (see loader.py)."""

import datetime
from dataclasses import dataclass

from articles.references import Reference
from common.datafile import Link
from explainer import engine

# The notes a result page may add, each for one thing the person ticked or one combination.
ON_B12 = "on_b12"
PREGNANT = "pregnant"
NERVE_LOW = "nerve_low"  # nerve symptoms with a low or borderline result: do not wait
NERVE_OTHER = "nerve_other"  # nerve symptoms with any other result
NOTES = (ON_B12, PREGNANT, NERVE_LOW, NERVE_OTHER)


@dataclass(frozen=True)
class Test:
    id: str
    name: str
    scale: engine.Scale
    # Band id -> the name a reader sees ("Borderline").
    band_names: dict[str, str]
    sources: tuple[Reference, ...]
    # Where the high mark comes from; empty when the test has none.
    high_sources: tuple[Reference, ...] = ()


@dataclass(frozen=True)
class Outcome:
    id: str
    title: str
    summary: str
    # What usually happens next, and the questions that fit this outcome.
    next: tuple[str, ...]
    ask: tuple[str, ...]
    articles: tuple[Link, ...]
    sources: tuple[Reference, ...]


@dataclass(frozen=True)
class Note:
    id: str
    title: str
    text: str
    sources: tuple[Reference, ...]
    link: Link | None = None


@dataclass(frozen=True)
class HighResult:
    """Shown with a high result: the common causes first, then the cancer question."""

    title: str
    intro: str
    causes: tuple[str, ...]
    cancer_title: str
    cancer: tuple[str, ...]
    myeloma: str
    sources: tuple[Reference, ...]


@dataclass(frozen=True)
class Explainer:
    version: int
    updated: datetime.date
    last_reviewed: datetime.date | None
    next_review_due: datetime.date | None
    reviewed_by: str
    tests: dict[str, Test]
    outcomes: dict[str, Outcome]
    # For every result: what to bring, and questions to ask whatever the outcome.
    bring: tuple[str, ...]
    ask: tuple[str, ...]
    notes: dict[str, Note]
    high_result: HighResult

    def read(self, entry: engine.Entry) -> engine.Reading:
        return engine.read(entry, self.tests[entry.test].scale)

    def texts(self):
        """(where, text) for every sentence a reader can be shown, for the wording checks."""
        for outcome in self.outcomes.values():
            yield f"outcomes: {outcome.id}: title", outcome.title
            yield f"outcomes: {outcome.id}: summary", outcome.summary
            for i, text in enumerate(outcome.next):
                yield f"outcomes: {outcome.id}: next[{i}]", text
            for i, text in enumerate(outcome.ask):
                yield f"outcomes: {outcome.id}: ask[{i}]", text
        for name in ("bring", "ask"):
            for i, text in enumerate(getattr(self, name)):
                yield f"{name}[{i}]", text
        for note in self.notes.values():
            yield f"notes: {note.id}: title", note.title
            yield f"notes: {note.id}: text", note.text
        high = self.high_result
        for name in ("title", "intro", "cancer_title", "myeloma"):
            yield f"high_result: {name}", getattr(high, name)
        for name in ("causes", "cancer"):
            for i, text in enumerate(getattr(high, name)):
                yield f"high_result: {name}[{i}]", text
