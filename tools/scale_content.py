"""The synthetic content of make bench-scale (tools/bench_scale.py): content/ grown to a size.

A copy of content/ (so references.yaml, topics.yaml and the rules files stay valid) plus
generated articles, questions, pages and topics, each marked "Synthetic" in its title and its
text, and their Spanish translations in content/es/, in the share content/es/ translates
today, each marked "sintético" and written in plain Spanish that passes the Spanish content
rules. The files are written by the project's own writers (articles.content_files), so
Django must be set up first (bench_scale.setup_django).
"""

import datetime
import random
import re
import shutil
import tempfile
from pathlib import Path

from prodserver import ROOT

KINDS = ("articles", "faqs", "pages")
SLUGS = {"articles": "synthetic-article", "faqs": "synthetic-question", "pages": "synthetic-page"}
UPDATED = datetime.date(2026, 11, 21)
NOT_REVIEWED = {"last_reviewed": None, "next_review_due": None, "reviewed_by": ""}
SYNTHETIC = {
    "en": "This is synthetic text made for a speed test. It is not health advice.",
    "es": "Texto sintético hecho para una prueba de velocidad. No es un consejo de salud.",
}
PART = {"en": "Part", "es": "Parte"}
WHEN_TO_GET_HELP = {"en": "## When to get help", "es": "## Cuándo pedir ayuda"}
# Short and plain: each reads at INFLESZ 59 or more on its own, and none tells the reader what
# they have (tests/articles/test_spanish_content_rules.py holds content/es/ to the same rules).
SENTENCES = {
    "en": [
        "B12 is a vitamin that keeps your nerves and blood healthy.",
        "Your body cannot make B12, so it comes from food or from tablets and injections.",
        "A blood test can show whether your B12 level is low, normal or high.",
        "Low B12 can make you feel tired, weak or short of breath.",
        "Some people notice pins and needles in their hands or feet.",
        "Your care team can explain what your result means for you.",
        "Meat, fish, eggs and milk all contain B12.",
        "People who eat a vegan diet need fortified foods or a supplement.",
        "Some medicines can lower the amount of B12 your body takes in.",
        "Surgery on the stomach or bowel can make it harder to absorb B12.",
        "Treatment is usually tablets or injections, and most people feel better within weeks.",
        "A high B12 result is often caused by tablets or injections you already take.",
        "Ask your doctor before you stop or start any supplement.",
        "Write down your questions before your next appointment.",
        "Keep a list of the medicines you take and show it to your team.",
        "Symptoms can come on slowly, over months or even years.",
    ],
    "es": [
        "La B12 es una vitamina que cuida los nervios y la sangre.",
        "El cuerpo no puede hacer B12, así que la toma de la comida o de pastillas e inyecciones.",
        "Un análisis de sangre puede mostrar si la B12 está baja, normal o alta.",
        "Con la B12 baja, una persona puede sentirse cansada, débil o sin aire.",
        "Algunas personas notan hormigueo en las manos o en los pies.",
        "Su equipo de salud le puede explicar qué quiere decir su resultado.",
        "La carne, el pescado, los huevos y la leche tienen B12.",
        "Quien no come carne, pescado, huevos ni leche necesita un suplemento de B12.",
        "Algunos medicamentos pueden bajar la B12 que el cuerpo toma.",
        "Una operación en el estómago o el intestino puede hacer que absorba menos B12.",
        "El tratamiento suele ser con pastillas o inyecciones, y casi todos se sienten mejor en unas semanas.",
        "Un resultado alto de B12 suele venir de pastillas o inyecciones que ya toma.",
        "Hable con su médico antes de dejar o empezar un suplemento.",
        "Anote sus preguntas antes de su próxima cita.",
        "Lleve una lista de sus medicamentos y enséñela a su equipo.",
        "Los síntomas pueden llegar despacio, a lo largo de meses o incluso años.",
    ],
}


def body(rng, paragraphs, language):
    parts = [SYNTHETIC[language]]
    for index in range(paragraphs):
        if index % 3 == 0:
            parts.append(f"## {PART[language]} {index // 3 + 1}")
        parts.append(" ".join(rng.sample(SENTENCES[language], 5)))
    return "\n\n".join(parts) + "\n"


def english_fields(kind, n, rng, topic):
    """A synthetic item's fields; content_files.item_file writes those of its kind."""
    fields = {"topic": topic, "order": n, "updated": UPDATED, "references": ["nih-ods-b12"], "related": []}
    fields.update(status="published", **NOT_REVIEWED)
    if kind == "articles":
        return fields | {
            "title": f"Synthetic article {n}: about B12",
            "summary": f"Synthetic article {n}, made for a speed test. It explains nothing about B12.",
            "body": f"{body(rng, 24, 'en')}\n{WHEN_TO_GET_HELP['en']}\n\n!!! emergency-box\n",
        }
    if kind == "faqs":
        return fields | {"question": f"Synthetic question {n} about B12?", "answer": body(rng, 2, "en")}
    return fields | {
        "title": f"Synthetic page {n}",
        "summary": f"Synthetic page {n}.",
        "body": body(rng, 15, "en"),
    }


def spanish_fields(kind, n, rng, slug, english):
    """Its Spanish translation's fields; content_files.translation_file writes those of its kind."""
    from articles.content_files import KINDS as MODELS
    from articles.models import text_version

    _, text_field = MODELS[kind]
    fields = {"translation_of": slug, "source_version": text_version(english[text_field]), "updated": UPDATED}
    fields.update(status="published", **NOT_REVIEWED)
    if kind == "articles":
        return fields | {
            "title": f"Artículo sintético {n} sobre la vitamina B12",
            "summary": f"Artículo sintético {n}, hecho para una prueba de velocidad. No explica nada sobre la B12.",
            "body": f"{body(rng, 24, 'es')}\n{WHEN_TO_GET_HELP['es']}\n\n!!! emergency-box\n",
        }
    if kind == "faqs":
        return fields | {
            "question": f"¿Pregunta sintética {n} sobre la vitamina B12?",
            "answer": body(rng, 2, "es"),
        }
    return fields | {
        "title": f"Página sintética {n} sobre la vitamina B12",
        "summary": f"Página sintética {n}.",
        "body": body(rng, 15, "es"),
    }


def topic_slugs(folder: Path) -> list[str]:
    path = folder / "topics.yaml"
    return re.findall(r"^- slug: (\S+)", path.read_text(), re.M) if path.exists() else []


def counts(folder: Path) -> dict:
    """The articles, questions, pages and topics of a content folder (or of a language's folder)."""
    found = {kind: len(list((folder / kind).glob("*.md"))) for kind in KINDS}
    return {**found, "topics": len(topic_slugs(folder))}


def add_topics(folder: Path, slugs, title, with_order):
    from articles.content_files import topics_file

    start = len(topic_slugs(folder)) + 1
    topics = [
        {"slug": slug, "title": f"{title} {order}", "description": "", "order": order}
        for order, slug in enumerate(slugs, start)
    ]
    with (folder / "topics.yaml").open("a") as file:
        file.write(topics_file(topics, with_order=with_order))


def generate(size: int) -> tuple[Path, dict]:
    """A copy of content/ grown to `size` times its articles, questions, pages and topics, and
    their Spanish translations in the share content/es/ translates today."""
    from articles.content_files import KINDS as MODELS
    from articles.content_files import item_file, translation_file

    root = Path(tempfile.mkdtemp(prefix=f"b12-scale-{size}x-")) / "content"
    shutil.copytree(ROOT / "content", root)
    spanish = root / "es"
    real = {"en": counts(root), "es": counts(spanish)}
    share = {kind: real["es"][kind] / real["en"][kind] if real["en"][kind] else 0 for kind in real["en"]}
    rng = random.Random(size)  # noqa: S311 (text, not secrets)
    extra_topics = [f"synthetic-topic-{n:04d}" for n in range(1, real["en"]["topics"] * (size - 1) + 1)]
    translated_topics = extra_topics[: round(share["topics"] * len(extra_topics))]
    add_topics(root, extra_topics, "Synthetic topic", with_order=True)
    add_topics(spanish, translated_topics, "Tema sintético", with_order=False)
    all_topics = topic_slugs(root)
    in_spanish = set(topic_slugs(spanish))
    for kind in KINDS:
        model, _ = MODELS[kind]
        extra = real["en"][kind] * (size - 1)
        to_translate = round(share[kind] * extra)
        for n in range(1, extra + 1):
            slug = f"{SLUGS[kind]}-{n:05d}"
            english = english_fields(kind, n, rng, all_topics[n % len(all_topics)])
            (root / kind / f"{slug}.md").write_text(item_file(model, english))
            # A translated article or question needs its topic translated too.
            if to_translate and (kind == "pages" or english["topic"] in in_spanish):
                translated = translation_file(model, spanish_fields(kind, n, rng, slug, english))
                (spanish / kind / f"{slug}.md").write_text(translated)
                to_translate -= 1
    files = sum(path.is_file() for path in root.rglob("*"))
    return root, {"en": counts(root), "es": counts(spanish), "files": files}
