"""Image uploads: only real PNG, JPEG and WebP images, renamed, re-encoded, within the size limit."""

import io
import re
import tempfile
import threading
import time

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

pytestmark = pytest.mark.django_db

UPLOAD = "/admin/editor/upload/"
STORED = re.compile(r"^!\[Describe this image\]\(/media/uploads/([0-9a-f]{32})\.(png|jpg|webp)\)$")


def image_bytes(fmt, size=(40, 30), mode="RGB"):
    out = io.BytesIO()
    Image.new(mode, size, (200, 40, 40)).save(out, format=fmt)
    return out.getvalue()


def upload(client, name, data, content_type):
    return client.post(
        UPLOAD,
        {"image": SimpleUploadedFile(name, data, content_type=content_type)},
        headers={"X-Requested-With": "XMLHttpRequest"},
    )


def stored_files(settings):
    folder = settings.MEDIA_ROOT / "uploads"
    return sorted(folder.iterdir()) if folder.exists() else []


@pytest.mark.parametrize(
    ("fmt", "extension", "claimed_name"),
    [("PNG", "png", "photo.png"), ("JPEG", "jpg", "holiday.JPEG"), ("WEBP", "webp", "diagram.gif")],
)
def test_it_stores_a_real_image_under_a_random_name_with_the_decoded_formats_extension(
    editor_client, settings, fmt, extension, claimed_name
):
    response = upload(editor_client, claimed_name, image_bytes(fmt), "application/octet-stream")
    assert response.status_code == 200, response.content
    match = STORED.match(response.json()["image_code"])
    assert match and match.group(2) == extension
    (path,) = stored_files(settings)
    assert path.name == f"{match.group(1)}.{extension}"
    with Image.open(path) as stored:
        assert stored.format == fmt and stored.size == (40, 30)


def test_two_uploads_with_the_same_name_never_overwrite_each_other(editor_client, settings):
    upload(editor_client, "same.png", image_bytes("PNG"), "image/png")
    upload(editor_client, "same.png", image_bytes("PNG"), "image/png")
    assert len(stored_files(settings)) == 2


def test_it_strips_metadata_such_as_a_gps_position(editor_client, settings):
    exif = Image.Exif()
    exif[0x8825] = {2: (51.0, 30.0, 0.0)}  # GPSInfo: latitude
    out = io.BytesIO()
    Image.new("RGB", (20, 20)).save(out, format="JPEG", exif=exif)
    assert upload(editor_client, "p.jpg", out.getvalue(), "image/jpeg").status_code == 200
    (path,) = stored_files(settings)
    with Image.open(path) as stored:
        assert not stored.getexif()


PNG = image_bytes("PNG")
HOSTILE = {
    "html named .gif with an image/gif type": (
        "evil.gif",
        b"<html><script>alert(1)</script></html>",
        "image/gif",
    ),
    "html named .png": ("evil.png", b"<!doctype html><p>hi</p>", "image/png"),
    "svg": (
        "logo.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>',
        "image/svg+xml",
    ),
    "svg with onload": (
        "x.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        "image/svg+xml",
    ),
    "png/html polyglot": ("poly.png", PNG + b"<html><script>alert(1)</script></html>", "image/png"),
    "truncated png": ("cut.png", PNG[: len(PNG) // 2], "image/png"),
    "gif": ("anim.gif", image_bytes("GIF"), "image/gif"),
    "empty file": ("nothing.png", b"", "image/png"),
}


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
def test_it_rejects_anything_that_is_not_a_whole_png_jpeg_or_webp(editor_client, settings, case):
    name, data, content_type = HOSTILE[case]
    response = upload(editor_client, name, data, content_type)
    assert 400 <= response.status_code < 500
    message = response.json()["error"]
    assert message.endswith(".") and len(message.split()) > 4
    assert stored_files(settings) == []


def test_a_png_with_html_in_a_text_chunk_is_rejected(editor_client, settings):
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "<script>alert(1)</script>")
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, format="PNG", pnginfo=info)
    response = upload(editor_client, "chunk.png", out.getvalue(), "image/png")
    assert response.status_code == 400
    assert stored_files(settings) == []


def test_a_40_mb_upload_gets_a_413_and_a_sentence_never_a_500(editor_client, settings):
    big = PNG + b"\0" * (40 * 1024 * 1024)
    response = upload(editor_client, "huge.png", big, "image/png")
    assert response.status_code == 413
    assert "at most 5 MB" in response.json()["error"]
    assert stored_files(settings) == []


def test_a_file_over_the_limit_is_refused_even_when_the_request_looks_small(editor_client, settings):
    settings.EDITOR_UPLOAD_MAX_BYTES = 100
    response = upload(editor_client, "a.png", image_bytes("PNG", size=(200, 200)), "image/png")
    assert response.status_code == 413
    assert "too large" in response.json()["error"]


def test_a_huge_form_field_gets_a_413_not_a_500(editor_client):
    response = editor_client.post(UPLOAD, {"note": "x" * (1024 * 1024)})
    assert response.status_code == 413


def test_a_post_without_a_file_is_told_what_to_send(editor_client):
    response = editor_client.post(UPLOAD, {})
    assert response.status_code == 400
    assert "PNG, JPEG or WebP" in response.json()["error"]


def test_an_upload_needs_the_csrf_token(editor, settings):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert upload(client, "a.png", PNG, "image/png").status_code == 403
    assert stored_files(settings) == []


def test_uploaded_images_are_served_with_nosniff_and_their_real_type(editor_client, client):
    url = re.search(r"\((.+)\)", upload(editor_client, "a.png", PNG, "image/png").json()["image_code"]).group(
        1
    )
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_only_names_the_upload_view_makes_are_served(client, settings):
    (settings.MEDIA_ROOT / "uploads").mkdir(parents=True)
    (settings.MEDIA_ROOT / "uploads" / "page.html").write_text("<script>alert(1)</script>")
    assert client.get("/media/uploads/page.html").status_code == 404


def test_an_image_with_too_many_pixels_is_refused_from_its_header_before_it_is_decoded(
    editor_client, settings
):
    # A small file that decodes to 6300 x 6300 pixels: about 160 MB as RGBA.
    out = io.BytesIO()
    Image.new("1", (6300, 6300)).save(out, format="PNG")
    assert len(out.getvalue()) < 200_000
    started = time.monotonic()
    response = upload(editor_client, "bomb.png", out.getvalue(), "image/png")
    assert time.monotonic() - started < 2
    assert response.status_code == 400
    assert "6,300 × 6,300 pixels" in response.json()["error"]
    assert stored_files(settings) == []


def test_a_large_photo_is_stored_no_larger_than_an_article_can_show(editor_client, settings):
    response = upload(editor_client, "big.jpg", image_bytes("JPEG", size=(4000, 3000)), "image/jpeg")
    assert response.status_code == 200
    (path,) = stored_files(settings)
    with Image.open(path) as stored:
        assert stored.size == (2400, 1800)


def test_a_photo_taken_sideways_is_stored_upright(editor_client, settings):
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to view
    out = io.BytesIO()
    Image.new("RGB", (40, 20)).save(out, format="JPEG", exif=exif)
    assert upload(editor_client, "side.jpg", out.getvalue(), "image/jpeg").status_code == 200
    (path,) = stored_files(settings)
    with Image.open(path) as stored:
        assert stored.size == (20, 40) and not stored.getexif()


def test_uploads_arriving_together_are_decoded_one_at_a_time(monkeypatch):
    from editorial import uploads

    busy, most = [0], [0]
    lock = threading.Lock()
    real_decode = uploads.decode

    def slow_decode(data):
        with lock:
            busy[0] += 1
            most[0] = max(most[0], busy[0])
        time.sleep(0.2)
        with lock:
            busy[0] -= 1
        return real_decode(data)

    monkeypatch.setattr(uploads, "decode", slow_decode)
    monkeypatch.setattr(uploads, "default_storage", FileSystemStorage(location=tempfile.mkdtemp()))
    files = [SimpleUploadedFile(f"{i}.png", PNG, content_type="image/png") for i in range(4)]
    threads = [threading.Thread(target=uploads.store_image, args=(f,)) for f in files]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most[0] == 1


def test_an_upload_that_waits_too_long_for_its_turn_is_told_to_try_again(editor_client, monkeypatch):
    from editorial import uploads

    monkeypatch.setattr(uploads, "WAIT_SECONDS", 0.1)
    uploads._decoding.acquire()
    try:
        response = upload(editor_client, "a.png", PNG, "image/png")
    finally:
        uploads._decoding.release()
    assert response.status_code == 503
    assert "Try again in a minute" in response.json()["error"]
