"""Turn the form, or a reading of the number, into the plain values the templates show."""

from dataclasses import dataclass

from django.utils.translation import gettext, gettext_lazy, pgettext_lazy

from explainer import engine, keypad
from explainer.definition import NERVE_LOW, NERVE_OTHER, ON_B12, PREGNANT, Explainer
from explainer.forms import FLAG_LABELS, FLAGS, LAB_HIGH, LAB_LOW, NUMBER_FIELDS, UNIT_CHOICES, VALUE, Flags

# How far a result is from an edge: exact for numbers typed with up to two decimals.
DISTANCE_PLACES = 2
# What a key shows, and the words that finish its name for a screen reader ("Delete the last
# digit"): the name starts with what is shown, so saying what you see works too.
KEY_LABELS = {
    keypad.POINT: ".",
    keypad.DELETE: pgettext_lazy("a key on the number pad", "Delete"),
    keypad.CLEAR: pgettext_lazy("a key on the number pad", "Clear"),
}
KEY_MORE = {
    keypad.POINT: pgettext_lazy("what the point key does, after the key's label", " (decimal point)"),
    keypad.DELETE: pgettext_lazy("what the Delete key does, after the key's label", " the last digit"),
    keypad.CLEAR: pgettext_lazy("what the Clear key does, after the key's label", " this box"),
}
SLOT_LABELS = {
    VALUE: gettext_lazy("Your result"),
    LAB_LOW: gettext_lazy("Range: low end"),
    LAB_HIGH: gettext_lazy("Range: high end"),
}


@dataclass(frozen=True)
class Choice:
    name: str
    value: str
    label: str
    input_id: str
    checked: bool


def form_page(form, show_errors: bool, on_keypad: bool = False) -> dict:
    """The form as typed, with each problem beside its field and in a summary at the top."""
    errors = {name: list(form.errors.get(name, ())) for name in form.fields} if show_errors else {}
    test = form["test"].value()
    unit = form["unit"].value()
    tests = [_choice("test", value, label, test) for value, label in form.fields["test"].choices]
    units = [_choice("unit", value, label, unit) for value, label in UNIT_CHOICES]
    flags = [_choice(name, "on", FLAG_LABELS[name], "on" if form[name].value() else "") for name in FLAGS]
    anchors = {"test": tests[0].input_id, "unit": units[0].input_id}
    summary = [
        (anchors.get(name, f"slot-{name}" if on_keypad else name), message)
        for name in ("test", VALUE, "unit", LAB_LOW, LAB_HIGH)
        for message in errors.get(name, ())
    ]
    return {
        "tests": tests,
        "units": units,
        "flags": flags,
        "numbers": {name: form[name].value() or "" for name in NUMBER_FIELDS},
        "errors": errors,
        "error_summary": summary,
    }


def keypad_page(form, show_errors: bool, slot: str) -> dict:
    """The kiosk form: form_page, plus the boxes the keys type into and the keys."""
    page = form_page(form, show_errors, on_keypad=True)
    page["slot"] = slot
    page["slots"] = [
        {
            "name": name,
            "label": SLOT_LABELS[name],
            "text": page["numbers"][name],
            "active": name == slot,
            "errors": page["errors"].get(name, []),
        }
        for name in NUMBER_FIELDS
    ]
    page["slot_label"] = SLOT_LABELS[slot]
    page["keys"] = [
        {"value": k, "label": KEY_LABELS.get(k, k), "more": KEY_MORE.get(k, "")} for k in keypad.KEYS
    ]
    return page


def result_page(explainer: Explainer, reading: engine.Reading, flags: Flags) -> dict:
    entry = reading.entry
    test = explainer.tests[entry.test]
    outcome = explainer.outcomes[reading.outcome]
    unit = entry.unit
    # Nerve symptoms with a low or borderline result go first, as a call to act today.
    nerve = None
    if flags.nerve:
        nerve = explainer.notes[NERVE_LOW if reading.low_or_borderline else NERVE_OTHER]
    urgent_note = nerve if nerve and nerve.id == NERVE_LOW else None
    notes = [
        explainer.notes[note_id]
        for note_id, ticked in ((ON_B12, flags.on_b12), (PREGNANT, flags.pregnant))
        if ticked
    ]
    if nerve and not urgent_note:
        notes.append(nerve)
    sources = [*outcome.sources, *test.sources]
    if reading.basis == engine.NICE and reading.position.where == engine.ABOVE:
        # The page then says where the high mark comes from.
        sources += test.high_sources
    for note in [*notes, *([urgent_note] if urgent_note else [])]:
        sources += note.sources
    if reading.high:
        sources += explainer.high_result.sources
    return {
        "test": test,
        "outcome": outcome,
        "reading": reading,
        "unit": unit,
        "value": number_text(entry.value),
        "conversion": _conversion(reading),
        "basis_is_lab": reading.basis == engine.LAB,
        "lab_range": [number_text(n) for n in entry.lab_range] if entry.lab_range else None,
        "position": _position(reading.position),
        "bands": _bands(test, reading),
        "nice_band_name": test.band_names[reading.nice_band],
        "disagrees_with_nice": _disagrees(reading),
        "high_mark": _high_mark(reading),
        "above_high_mark_by": _distance(reading.entry.value - reading.high_mark, reading.high_mark)
        if reading.above_high_mark
        else "",
        "urgent_note": urgent_note,
        "notes": notes,
        "high_result": explainer.high_result if reading.high else None,
        "next": outcome.next,
        "bring": explainer.bring,
        "ask": [*outcome.ask, *explainer.ask],
        "articles": outcome.articles,
        "sources": list(dict.fromkeys(sources)),
        "review": explainer,
        # What was entered, for "Change what I entered": posted back, never put in an address.
        "entered": _entered(entry, flags),
    }


def number_text(x) -> str:
    """A typed number written back plainly: "132,5" -> "132.5"; exact, as it came from digits."""
    return engine.exact(x, 12) or engine.shown(x, 2)


def _choice(name, value, label, current) -> Choice:
    slug = value.replace("/", "-").lower()
    return Choice(name=name, value=value, label=label, input_id=f"{name}-{slug}", checked=value == current)


def _conversion(reading) -> dict:
    units = reading.in_units
    return {
        "total": reading.entry.test == engine.TOTAL,
        "from_mass": reading.entry.unit in engine.MASS_UNITS,
        "mass": engine.shown(units.get(engine.NG_L, 0)),
        "pmol": engine.shown(units[engine.PMOL_L]),
        "factor": engine.shown(engine.PMOL_PER_NG, 3),
    }


def _distance(x, edge=None) -> str:
    """How far from an edge, to two decimal places; "" when that rounds to nothing ("just").

    From an edge that is itself only "about" a number (600 pmol/L is about 813 ng/L), the
    distance is about a whole number too.
    """
    if edge is not None and engine.exact(edge, 2) is None:
        text = engine.shown(x)
        return "" if text == "0" else gettext("about {number}").format(number=text)
    text = engine.shown(x, DISTANCE_PLACES)
    return "" if text == "0" else text


def _edge(x) -> str:
    exact = engine.exact(x, 2)
    return exact if exact is not None else gettext("about {number}").format(number=engine.shown(x))


def _position(position: engine.Position) -> dict:
    return {
        "where": position.where,
        "lower": _edge(position.lower),
        "upper": _edge(position.upper),
        "below_by": _distance(position.below_by) if position.where == engine.BELOW else "",
        "above_by": _distance(position.above_by) if position.where == engine.ABOVE else "",
        "from_lower": _distance(position.from_lower) if position.where == engine.WITHIN else "",
        "to_upper": _distance(position.to_upper) if position.where == engine.WITHIN else "",
    }


def _bands(test, reading) -> list[dict]:
    """NICE's bands in the unit the person used, with theirs marked."""
    unit = reading.entry.unit
    rows = []
    for band in test.scale.bands:
        lower = band.lower and _edge(engine.convert(band.lower.value, test.scale.unit, unit))
        upper = band.upper and _edge(engine.convert(band.upper.value, test.scale.unit, unit))
        rows.append(
            {
                "name": test.band_names[band.id],
                "lower": lower,
                "upper": upper,
                "current": band.id == reading.nice_band,
            }
        )
    return rows


def _disagrees(reading) -> bool:
    """True when the lab's range and NICE's bands point different ways at the low end."""
    if reading.basis != engine.LAB:
        return False
    lab_low = reading.outcome == engine.BELOW_RANGE
    nice_low = reading.nice_band in (engine.LOW, engine.INDETERMINATE)
    return lab_low != nice_low


def _high_mark(reading) -> dict | None:
    """The high mark in both unit families, for "600 pmol/L (about 813 ng/L)"."""
    if reading.high_mark is None:
        return None
    return {
        "pmol": _edge(engine.convert(reading.high_mark, reading.entry.unit, engine.PMOL_L)),
        "mass": _edge(engine.convert(reading.high_mark, reading.entry.unit, engine.NG_L)),
    }


def _entered(entry, flags) -> list[tuple[str, str]]:
    fields = [("test", entry.test), ("unit", entry.unit), (VALUE, number_text(entry.value))]
    if entry.lab_range:
        fields += [(LAB_LOW, number_text(entry.lab_range[0])), (LAB_HIGH, number_text(entry.lab_range[1]))]
    fields += [(name, "on") for name in FLAGS if getattr(flags, name)]
    return fields
