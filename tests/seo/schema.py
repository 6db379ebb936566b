"""Just enough of the schema.org vocabulary to check the site's JSON-LD against it.

For each type the site uses: its properties (including those inherited from Thing,
CreativeWork and WebPage), the properties this site requires of it, and what kind of value
each property takes. Taken from the type pages on schema.org.
"""

import re
from datetime import date

THING = {"name": "Text", "description": "Text", "url": "URL"}
CREATIVE_WORK = {
    **THING,
    "headline": "Text",
    "dateModified": "Date",
    "inLanguage": "Text",
    "audience": "Audience",
    "isPartOf": "CreativeWork",
    "text": "Text",
}
WEB_PAGE = {**CREATIVE_WORK, "lastReviewed": "Date", "reviewedBy": "Person", "mainEntity": "Thing"}

TYPES = {
    "WebSite": {"properties": {**CREATIVE_WORK, "potentialAction": "Action"}, "required": ["name", "url"]},
    "MedicalWebPage": {
        "properties": WEB_PAGE,
        "required": ["name", "description", "url", "dateModified"],
    },
    "FAQPage": {"properties": WEB_PAGE, "required": ["mainEntity"]},
    "Question": {
        "properties": {**CREATIVE_WORK, "acceptedAnswer": "Answer"},
        "required": ["name", "acceptedAnswer"],
    },
    "Answer": {"properties": CREATIVE_WORK, "required": ["text"]},
    "Person": {"properties": THING, "required": ["name"]},
    "PeopleAudience": {"properties": {**THING, "audienceType": "Text"}, "required": ["audienceType"]},
    "SearchAction": {
        "properties": {**THING, "target": "EntryPoint", "query-input": "Text"},
        "required": ["target", "query-input"],
    },
    "EntryPoint": {"properties": {**THING, "urlTemplate": "Text"}, "required": ["urlTemplate"]},
}
# Which concrete types may stand where a property expects a more general one.
SUBTYPES = {
    "Thing": set(TYPES),
    "CreativeWork": {"WebSite", "MedicalWebPage", "FAQPage", "Question", "Answer"},
    "Audience": {"PeopleAudience"},
    "Action": {"SearchAction"},
}


def problems(node, expected="Thing", path="$"):
    """Every way the node breaks the vocabulary, as readable lines; empty when it is valid."""
    if not isinstance(node, dict) or "@type" not in node:
        return [f"{path}: expected a {expected} object, got {node!r}"]
    kind = node["@type"]
    if kind not in TYPES:
        return [f"{path}: unknown type {kind}"]
    if kind != expected and kind not in SUBTYPES.get(expected, ()):
        return [f"{path}: {kind} cannot stand where a {expected} is expected"]
    found = []
    spec = TYPES[kind]
    for name in spec["required"]:
        if name not in node:
            found.append(f"{path}: {kind} lacks {name}")
    for name, value in node.items():
        if name.startswith("@"):
            continue
        if name not in spec["properties"]:
            found.append(f"{path}: {name} is not a property of {kind}")
            continue
        values = value if isinstance(value, list) else [value]
        for i, item in enumerate(values):
            found += check_value(item, spec["properties"][name], f"{path}.{name}[{i}]")
    return found


def check_value(value, expected, path):
    if expected == "Text":
        return [] if isinstance(value, str) and value.strip() else [f"{path}: expected text, got {value!r}"]
    if expected == "URL":
        return [] if re.match(r"^https?://[^/\s]+/\S*$", str(value)) else [f"{path}: not an absolute URL"]
    if expected == "Date":
        try:
            date.fromisoformat(value)
        except (TypeError, ValueError):
            return [f"{path}: not an ISO 8601 date: {value!r}"]
        return []
    return problems(value, expected, path)
