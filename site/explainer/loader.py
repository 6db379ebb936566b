"""Load and check `content/result-explainer.yaml`: the bands, the texts and their sources.

`load(content_dir)` is the only way in: the app calls it once at start-up and the tests call
it on the real folder or on a changed copy. It returns frozen dataclasses or raises
`ExplainerError` naming the file, the place in it and the problem. It is strict on purpose:
an unknown field, a missing text, a source that is not in `references.yaml`, wording that
reads as a diagnosis, or bands that overlap or leave a gap all stop the site from starting
rather than reaching someone holding a lab result.
"""

from fractions import Fraction
from pathlib import Path

from articles import references
from common import datafile, overlay
from common.datafile import DataFileError
from explainer import engine
from explainer.definition import NOTES, Explainer, HighResult, Note, Outcome, Test

FILE_NAME = "result-explainer.yaml"
# The fields whose values are words a reader sees: all a translation may replace (common.overlay).
TEXT_FIELDS = (
    "name", "title", "summary", "next", "ask", "bring", "text", "intro", "causes", "cancer_title",
    "cancer", "myeloma",
)  # fmt: skip
BAND_EDGES = {
    "above": ("lower", False),
    "from": ("lower", True),
    "to": ("upper", True),
    "below": ("upper", False),
}


class ExplainerError(DataFileError):
    """The explainer's file is invalid. The message says where and why."""


def load(content_dir: Path | str) -> Explainer:
    content_dir = Path(content_dir)
    path = content_dir / FILE_NAME
    sources = _sources(content_dir, path)
    return _build(sources, datafile.read_yaml(path, ExplainerError), path)


def load_translation(content_dir: Path | str, language: str, english: Explainer):
    """(the explainer in `language`, its Translation): the English bands and numbers with the
    words of content/<language>/result-explainer.yaml, built and checked as the English is;
    `english` itself while the translation is stale."""
    content_dir = Path(content_dir)
    data, translation = overlay.translate(
        content_dir / FILE_NAME, content_dir / language / FILE_NAME, language, TEXT_FIELDS, ExplainerError
    )
    if data is None:
        return english, translation
    translated = _build(_sources(content_dir, translation.file), data, translation.file)
    return (english if translation.is_stale else translated), translation


def _sources(content_dir: Path, path) -> dict[str, references.Reference]:
    try:
        return references.load(content_dir)
    except references.ReferencesError as exc:
        raise ExplainerError(f"{path}: its sources cannot be checked: {exc}") from exc


def _build(sources, data, path) -> Explainer:
    try:
        return _Builder(sources).explainer(data)
    except DataFileError as exc:
        raise ExplainerError(f"{path}: {exc}") from None


class _Builder:
    def __init__(self, sources: dict[str, references.Reference]):
        self.sources = sources

    def explainer(self, data) -> Explainer:
        datafile.fields(
            data,
            "the file",
            required=(*datafile.REVIEW_HEADER, "tests", "outcomes", "bring", "ask", "notes", "high_result"),
        )
        header = datafile.review_header(data)
        return Explainer(
            **header,
            tests=self.tests(data["tests"]),
            outcomes=self.outcomes(data["outcomes"]),
            bring=datafile.texts(data["bring"], "bring"),
            ask=datafile.texts(data["ask"], "ask"),
            notes=self.notes(data["notes"]),
            high_result=self.high_result(data["high_result"]),
        )

    # --- tests and their bands ----------------------------------------------------------------

    def tests(self, data) -> dict[str, Test]:
        datafile.fields(data, "tests", required=engine.TESTS)
        return {test: self.test(test, data[test]) for test in engine.TESTS}

    def test(self, test_id, data) -> Test:
        where = f"tests: {test_id}"
        datafile.fields(data, where, required=("name", "scale"))
        scale_data = data["scale"]
        where = f"{where}: scale"
        datafile.fields(
            scale_data, where, required=("unit", "largest", "sources", "bands"), optional=("high",)
        )
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
            name=datafile.text(data["name"], f"{where}: name"),
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
            datafile.fields(item, band_where, required=("id", "name"), optional=tuple(BAND_EDGES))
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
            names[band.id] = datafile.text(item["name"], f"{band_where}: name")
        _check_contiguous(bands, where)
        return tuple(bands), names

    def high_mark(self, data, test_id, scale_unit, where):
        datafile.fields(data, where, required=("above", "unit", "sources"))
        if not engine.fits(test_id, data["unit"]):
            raise ExplainerError(f"{where}: unit '{data['unit']}' is not a unit of this test")
        above = engine.convert(_number(data["above"], f"{where}: above"), data["unit"], scale_unit)
        return above, self.refs(data["sources"], f"{where}: sources")

    # --- texts ----------------------------------------------------------------------------------

    def outcomes(self, data) -> dict[str, Outcome]:
        datafile.fields(data, "outcomes", required=engine.OUTCOMES)
        found = {}
        for outcome_id in engine.OUTCOMES:
            where = f"outcomes: {outcome_id}"
            item = data[outcome_id]
            datafile.fields(item, where, required=("title", "summary", "next", "ask", "articles", "sources"))
            found[outcome_id] = Outcome(
                id=outcome_id,
                title=datafile.text(item["title"], f"{where}: title"),
                summary=datafile.text(item["summary"], f"{where}: summary"),
                next=datafile.texts(item["next"], f"{where}: next"),
                ask=datafile.texts(item["ask"], f"{where}: ask"),
                articles=tuple(datafile.listed(item["articles"], f"{where}: articles", datafile.link)),
                sources=self.refs(item["sources"], f"{where}: sources"),
            )
        return found

    def notes(self, data) -> dict[str, Note]:
        datafile.fields(data, "notes", required=NOTES)
        found = {}
        for note_id in NOTES:
            where = f"notes: {note_id}"
            item = data[note_id]
            datafile.fields(item, where, required=("title", "text", "sources"), optional=("link",))
            found[note_id] = Note(
                id=note_id,
                title=datafile.text(item["title"], f"{where}: title"),
                text=datafile.text(item["text"], f"{where}: text"),
                sources=self.refs(item["sources"], f"{where}: sources"),
                link=datafile.link(item["link"], f"{where}: link") if item.get("link") is not None else None,
            )
        return found

    def high_result(self, data) -> HighResult:
        where = "high_result"
        fields = ("title", "intro", "causes", "cancer_title", "cancer", "myeloma", "sources")
        datafile.fields(data, where, required=fields)
        return HighResult(
            title=datafile.text(data["title"], f"{where}: title"),
            intro=datafile.text(data["intro"], f"{where}: intro"),
            causes=datafile.texts(data["causes"], f"{where}: causes"),
            cancer_title=datafile.text(data["cancer_title"], f"{where}: cancer_title"),
            cancer=datafile.texts(data["cancer"], f"{where}: cancer"),
            myeloma=datafile.text(data["myeloma"], f"{where}: myeloma"),
            sources=self.refs(data["sources"], f"{where}: sources"),
        )

    def refs(self, data, where) -> tuple[references.Reference, ...]:
        if not isinstance(data, list) or not data:
            raise ExplainerError(f"{where}: expected a list of source ids from references.yaml")
        found = [datafile.source(source_id, self.sources, where) for source_id in data]
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


def _number(value, where) -> Fraction:
    # Exact: 132.84 stays 13284/100. YAML reads 132.84 as a float, so go through its text.
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise ExplainerError(f"{where}: must be a number above zero")
    return Fraction(str(value))
