"""Load and check `content/result-explainer.yaml`: the bands, the texts and their sources.

`load(content_dir)` is the only way in: the app calls it once at start-up and the tests call
it on the real folder or on a changed copy. It returns frozen dataclasses or raises
`ExplainerError` naming the file, the place in it and the problem. It is strict on purpose:
an unknown field, a missing text, a source that is not in `references.yaml`, wording that
reads as a diagnosis, or bands that overlap or leave a gap all stop the site from starting
rather than reaching someone holding a lab result.
"""

import datetime
import re
from fractions import Fraction
from pathlib import Path

import yaml

from articles import references
from articles.wording import diagnostic_phrase
from explainer import engine
from explainer.definition import NOTES, Explainer, HighResult, Link, Note, Outcome, Test

FILE_NAME = "result-explainer.yaml"
BAND_EDGES = {
    "above": ("lower", False),
    "from": ("lower", True),
    "to": ("upper", True),
    "below": ("upper", False),
}


class ExplainerError(ValueError):
    """The explainer's file is invalid. The message says where and why."""


def load(content_dir: Path | str) -> Explainer:
    content_dir = Path(content_dir)
    path = content_dir / FILE_NAME
    try:
        sources = references.load(content_dir)
    except references.ReferencesError as exc:
        raise ExplainerError(f"{path}: its sources cannot be checked: {exc}") from exc
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ExplainerError(f"{path}: cannot be read: {exc.strerror or exc}") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        place = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ExplainerError(f"{path}: is not valid YAML{place}: {problem}") from exc
    try:
        return _Builder(sources).explainer(data)
    except ExplainerError as exc:
        raise ExplainerError(f"{path}: {exc}") from None


class _Builder:
    def __init__(self, sources: dict[str, references.Reference]):
        self.sources = sources

    def explainer(self, data) -> Explainer:
        review = ("version", "updated", "last_reviewed", "next_review_due", "reviewed_by")
        _fields(
            data, "the file", required=(*review, "tests", "outcomes", "bring", "ask", "notes", "high_result")
        )
        if not isinstance(data["version"], int) or isinstance(data["version"], bool):
            raise ExplainerError("version: must be a whole number")
        updated = _date(data["updated"], "updated", required=True)
        last_reviewed = _date(data["last_reviewed"], "last_reviewed")
        next_review_due = _date(data["next_review_due"], "next_review_due")
        reviewed_by = data["reviewed_by"] or ""
        if not isinstance(reviewed_by, str):
            raise ExplainerError("reviewed_by: must be a name, or empty")
        if bool(reviewed_by) != bool(last_reviewed):
            raise ExplainerError(
                "reviewed_by and last_reviewed: fill in both when a clinician signs off, or neither"
            )
        if next_review_due and not last_reviewed:
            raise ExplainerError("next_review_due: is set but last_reviewed is empty")
        if last_reviewed and next_review_due and next_review_due <= last_reviewed:
            raise ExplainerError("next_review_due: must be after last_reviewed")
        return Explainer(
            version=data["version"],
            updated=updated,
            last_reviewed=last_reviewed,
            next_review_due=next_review_due,
            reviewed_by=reviewed_by,
            tests=self.tests(data["tests"]),
            outcomes=self.outcomes(data["outcomes"]),
            bring=_texts(data["bring"], "bring"),
            ask=_texts(data["ask"], "ask"),
            notes=self.notes(data["notes"]),
            high_result=self.high_result(data["high_result"]),
        )

    # --- tests and their bands ----------------------------------------------------------------

    def tests(self, data) -> dict[str, Test]:
        _fields(data, "tests", required=engine.TESTS)
        return {test: self.test(test, data[test]) for test in engine.TESTS}

    def test(self, test_id, data) -> Test:
        where = f"tests: {test_id}"
        _fields(data, where, required=("name", "scale"))
        scale_data = data["scale"]
        where = f"{where}: scale"
        _fields(scale_data, where, required=("unit", "largest", "sources", "bands"), optional=("high",))
        unit = scale_data["unit"]
        if not engine.fits(test_id, unit):
            raise ExplainerError(
                f"{where}: unit '{unit}' is not a unit of this test ({', '.join(engine.UNITS[test_id])})"
            )
        bands, names = self.bands(scale_data["bands"], f"{where}: bands")
        largest = _number(scale_data["largest"], f"{where}: largest")
        top_edge = bands[-1].lower.value
        if largest <= top_edge:
            raise ExplainerError(
                f"{where}: largest must be above every band edge ({engine.shown(top_edge, 2)} {unit})"
            )
        high_above, high_sources = None, ()
        if scale_data.get("high") is not None:
            high_above, high_sources = self.high_mark(scale_data["high"], test_id, unit, f"{where}: high")
            if not top_edge < high_above < largest:
                raise ExplainerError(f"{where}: high: must lie inside the top band and below largest")
        return Test(
            id=test_id,
            name=_text(data["name"], f"{where}: name"),
            scale=engine.Scale(test=test_id, unit=unit, bands=bands, largest=largest, high_above=high_above),
            band_names=names,
            sources=self.refs(scale_data["sources"], f"{where}: sources"),
            high_sources=high_sources,
        )

    def bands(self, data, where) -> tuple[tuple[engine.Band, ...], dict[str, str]]:
        """NICE's three bands, lowest first, touching without a gap or an overlap."""
        if not isinstance(data, list) or [b.get("id") if isinstance(b, dict) else b for b in data] != list(
            engine.NICE_BANDS
        ):
            raise ExplainerError(f"{where}: expected the bands {', '.join(engine.NICE_BANDS)}, lowest first")
        bands, names = [], {}
        for i, item in enumerate(data):
            band_where = f"{where}[{i}] '{item['id']}'"
            _fields(item, band_where, required=("id", "name"), optional=tuple(BAND_EDGES))
            edges = {"lower": None, "upper": None}
            for key, (side, inclusive) in BAND_EDGES.items():
                if key in item:
                    if edges[side] is not None:
                        raise ExplainerError(
                            f"{band_where}: give one lower edge (from/above) and one upper edge (to/below)"
                        )
                    edges[side] = engine.Edge(_number(item[key], f"{band_where}: {key}"), inclusive)
            band = engine.Band(id=item["id"], **edges)
            if band.lower and band.upper and band.lower.value >= band.upper.value:
                raise ExplainerError(f"{band_where}: its lower edge must be below its upper edge")
            bands.append(band)
            names[band.id] = _text(item["name"], f"{band_where}: name")
        _check_contiguous(bands, where)
        return tuple(bands), names

    def high_mark(self, data, test_id, scale_unit, where):
        _fields(data, where, required=("above", "unit", "sources"))
        if not engine.fits(test_id, data["unit"]):
            raise ExplainerError(f"{where}: unit '{data['unit']}' is not a unit of this test")
        above = engine.convert(_number(data["above"], f"{where}: above"), data["unit"], scale_unit)
        return above, self.refs(data["sources"], f"{where}: sources")

    # --- texts ----------------------------------------------------------------------------------

    def outcomes(self, data) -> dict[str, Outcome]:
        _fields(data, "outcomes", required=engine.OUTCOMES)
        found = {}
        for outcome_id in engine.OUTCOMES:
            where = f"outcomes: {outcome_id}"
            item = data[outcome_id]
            _fields(item, where, required=("title", "summary", "next", "ask", "articles", "sources"))
            found[outcome_id] = Outcome(
                id=outcome_id,
                title=_text(item["title"], f"{where}: title"),
                summary=_text(item["summary"], f"{where}: summary"),
                next=_texts(item["next"], f"{where}: next"),
                ask=_texts(item["ask"], f"{where}: ask"),
                articles=tuple(_list(item["articles"], f"{where}: articles", _link)),
                sources=self.refs(item["sources"], f"{where}: sources"),
            )
        return found

    def notes(self, data) -> dict[str, Note]:
        _fields(data, "notes", required=NOTES)
        found = {}
        for note_id in NOTES:
            where = f"notes: {note_id}"
            item = data[note_id]
            _fields(item, where, required=("title", "text", "sources"), optional=("link",))
            found[note_id] = Note(
                id=note_id,
                title=_text(item["title"], f"{where}: title"),
                text=_text(item["text"], f"{where}: text"),
                sources=self.refs(item["sources"], f"{where}: sources"),
                link=_link(item["link"], f"{where}: link") if item.get("link") is not None else None,
            )
        return found

    def high_result(self, data) -> HighResult:
        where = "high_result"
        fields = ("title", "intro", "causes", "cancer_title", "cancer", "myeloma", "sources")
        _fields(data, where, required=fields)
        return HighResult(
            title=_text(data["title"], f"{where}: title"),
            intro=_text(data["intro"], f"{where}: intro"),
            causes=_texts(data["causes"], f"{where}: causes"),
            cancer_title=_text(data["cancer_title"], f"{where}: cancer_title"),
            cancer=_texts(data["cancer"], f"{where}: cancer"),
            myeloma=_text(data["myeloma"], f"{where}: myeloma"),
            sources=self.refs(data["sources"], f"{where}: sources"),
        )

    def refs(self, data, where) -> tuple[references.Reference, ...]:
        if not isinstance(data, list) or not data:
            raise ExplainerError(f"{where}: expected a list of source ids from references.yaml")
        found = []
        for source_id in data:
            reference = self.sources.get(source_id) if isinstance(source_id, str) else None
            if reference is None:
                raise ExplainerError(f"{where}: '{source_id}' is not an id in references.yaml")
            if reference.superseded:
                raise ExplainerError(
                    f"{where}: '{source_id}' is superseded by '{reference.superseded_by}'; cite that instead"
                )
            found.append(reference)
        if len(set(found)) != len(found):
            raise ExplainerError(f"{where}: a source is listed twice")
        return tuple(found)


def _check_contiguous(bands, where) -> None:
    if bands[0].lower is not None or bands[-1].upper is not None:
        raise ExplainerError(
            f"{where}: the lowest band must have no lower edge and the top band no upper edge"
        )
    for below, above in zip(bands, bands[1:], strict=False):
        if below.upper is None or above.lower is None:
            raise ExplainerError(f"{where}: '{below.id}' and '{above.id}' must meet at an edge")
        top, bottom = below.upper, above.lower
        if top.value < bottom.value or (
            top.value == bottom.value and not (top.inclusive or bottom.inclusive)
        ):
            raise ExplainerError(f"{where}: there is a gap between '{below.id}' and '{above.id}'")
        if top.value > bottom.value or (top.inclusive and bottom.inclusive):
            raise ExplainerError(f"{where}: '{below.id}' and '{above.id}' overlap")


def _fields(data, where, required=(), optional=()) -> None:
    if not isinstance(data, dict):
        raise ExplainerError(f"{where}: expected a mapping with {', '.join(required)}")
    unknown = sorted(str(k) for k in data if k not in required and k not in optional)
    if unknown:
        raise ExplainerError(f"{where}: unknown field {', '.join(unknown)}")
    missing = [k for k in required if k not in data]
    if missing:
        raise ExplainerError(f"{where}: missing {', '.join(missing)}")


def _list(data, where, build) -> list:
    if not isinstance(data, list) or not data:
        raise ExplainerError(f"{where}: expected a non-empty list")
    return [build(item, f"{where}[{i}]") for i, item in enumerate(data)]


def _number(value, where) -> Fraction:
    # Exact: 132.84 stays 13284/100. YAML reads 132.84 as a float, so go through its text.
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise ExplainerError(f"{where}: must be a number above zero")
    return Fraction(str(value))


def _date(value, where, required=False) -> datetime.date | None:
    if value is None and not required:
        return None
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    raise ExplainerError(f"{where}: must be a date written YYYY-MM-DD")


def _text(value, where) -> str:
    if value is None or value == "":
        raise ExplainerError(f"{where}: missing text")
    if not isinstance(value, str):
        raise ExplainerError(f"{where}: must be text")
    value = " ".join(value.split())
    if found := diagnostic_phrase(value):
        raise ExplainerError(f"{where}: '{found}' reads as a diagnosis; reword it")
    if "{" in value or "}" in value:
        raise ExplainerError(f"{where}: text cannot hold placeholders")
    return value


def _texts(data, where) -> tuple[str, ...]:
    if not isinstance(data, list) or not data:
        raise ExplainerError(f"{where}: expected a non-empty list of texts")
    return tuple(_text(item, f"{where}[{i}]") for i, item in enumerate(data))


def _link(data, where) -> Link:
    _fields(data, where, required=("title", "url"))
    url = data["url"]
    # Site-relative only: the same links work on the public site and on the kiosk.
    if not isinstance(url, str) or not re.fullmatch(r"/[a-z0-9/-]*/", url) or "//" in url:
        raise ExplainerError(f"{where}: url '{url}' must be a site path like /articles/slug/")
    return Link(title=_text(data["title"], f"{where}: title"), url=url)
