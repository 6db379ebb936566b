"""An identifier for the code and templates this process serves.

It goes into cache keys and ETags beside the content version, so a deploy that changes a
template or a stylesheet is never answered with a page (or a 304) made by the old code.
Every instance of the same release computes the same value, because it hashes file contents,
not timestamps. RELEASE_ID (for example a commit hash set by the deploy) short-cuts it.
"""

import hashlib
import os
from functools import cache
from pathlib import Path

from django.conf import settings

SOURCE_SUFFIXES = {".py", ".html", ".txt", ".xml", ".css", ".js", ".svg", ".json", ".yaml"}


def _source_files():
    roots = [settings.SITE_DIR, *(Path(d) for t in settings.TEMPLATES for d in t["DIRS"])]
    roots += [Path(d) for d in settings.STATICFILES_DIRS]
    # The self-check's questions and rules are read from here when the process starts.
    roots.append(Path(settings.CONTENT_DIR))
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    files = [manifest] if manifest.exists() else []
    for root in roots:
        files += sorted(p for p in Path(root).rglob("*") if p.suffix in SOURCE_SUFFIXES and p.is_file())
    return files


@cache
def release_id() -> str:
    configured = os.environ.get("RELEASE_ID", "").strip()
    digest = hashlib.sha256(configured.encode())
    if not configured:
        for path in _source_files():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
