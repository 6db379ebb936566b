"""Checking and storing the images editors upload into articles.

Nothing about an upload is believed: not its name, not the type the browser claims. The bytes
must be a PNG, JPEG or WebP image that Pillow decodes completely, and must not carry markup a
browser could be talked into running (an HTML or SVG polyglot). The stored file is a fresh
encoding of the decoded pixels, which also drops metadata such as a phone's GPS position,
under a random name whose extension comes from the decoded format.

Decoding is the expensive part, so it is bounded three ways: an image with too many pixels
is refused from its header, before any pixel is decoded; a large image is decoded straight
to the size it is stored at where the format allows (JPEG) and scaled down otherwise; and
each process decodes one image at a time, so four uploads at once cost one image's memory,
not four.
"""

import re
import threading
import uuid
from io import BytesIO

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps, UnidentifiedImageError

# Decoded format -> (extension, options for the re-encoding).
FORMATS = {
    "PNG": ("png", {}),
    "JPEG": ("jpg", {"quality": 90}),
    "WEBP": ("webp", {"quality": 90}),
}
# More than any article image needs (a phone's 12-megapixel photo fits). Decoded, an image
# takes 4 bytes a pixel, so this keeps one upload under about 100 MB of a worker's memory.
MAX_PIXELS = 16_000_000
# The longest side an image is stored at: wider than the article column on any screen.
MAX_EDGE = 2400
# One image decoded at a time per process; the others wait this long, then are refused.
_decoding = threading.BoundedSemaphore(1)
WAIT_SECONDS = 30
# What browsers sniff as a document: a file holding any of these is refused, whatever it decodes as.
MARKUP = re.compile(
    rb"<\s*(?:!doctype|html|head|body|script|svg|iframe|object|embed|\?xml)|javascript:", re.I
)


class UploadRejected(Exception):
    """The upload is refused; the message is a sentence for the editor."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def max_size_sentence():
    megabytes = settings.EDITOR_UPLOAD_MAX_BYTES / (1024 * 1024)
    return f"Images can be at most {megabytes:g} MB. Make the image smaller and try again."


def check_size(size: int):
    if size > settings.EDITOR_UPLOAD_MAX_BYTES:
        raise UploadRejected(f"The file is too large. {max_size_sentence()}", status=413)


def decode(data: bytes) -> Image.Image:
    """The decoded image, or UploadRejected saying why not."""
    if MARKUP.search(data):
        raise UploadRejected("The file contains web page code, so it cannot be used as an image.")
    try:
        with Image.open(BytesIO(data), formats=list(FORMATS)) as probe:
            # From the header: nothing has been decoded yet.
            if probe.width * probe.height > MAX_PIXELS:
                raise UploadRejected(
                    f"The image is {probe.width:,} × {probe.height:,} pixels, more than an article "
                    f"can use. Resize it to at most {MAX_EDGE:,} pixels on its longest side and try again."
                )
            probe.verify()
        image = Image.open(BytesIO(data), formats=list(FORMATS))
        # Decodes the image, at a fraction of its size where the format can (JPEG).
        image.thumbnail((MAX_EDGE, MAX_EDGE))
    except UnidentifiedImageError:
        raise UploadRejected("Only PNG, JPEG and WebP images can be uploaded.") from None
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise UploadRejected("The image is damaged or incomplete. Save it again and retry.") from None
    return image


def encode(image: Image.Image) -> tuple[bytes, str]:
    """A clean encoding in the image's own format, upright, without metadata; and its extension."""
    extension, options = FORMATS[image.format]
    clean = ImageOps.exif_transpose(image)
    if image.format == "JPEG" and clean.mode not in ("RGB", "L"):
        clean = clean.convert("RGB")
    out = BytesIO()
    clean.save(out, format=image.format, **options)
    return out.getvalue(), extension


def store_image(upload) -> str:
    """Check an uploaded file and store it; return its public URL. Raises UploadRejected."""
    check_size(upload.size)
    data = upload.read(settings.EDITOR_UPLOAD_MAX_BYTES + 1)
    check_size(len(data))
    if not _decoding.acquire(timeout=WAIT_SECONDS):
        raise UploadRejected("Other images are being processed just now. Try again in a minute.", status=503)
    try:
        content, extension = encode(decode(data))
    finally:
        _decoding.release()
    name = f"{settings.EDITOR_UPLOAD_DIR}/{uuid.uuid4().hex}.{extension}"
    return default_storage.url(default_storage.save(name, ContentFile(content)))
