"""Every uploaded photo is decoded and re-encoded: nothing of the original file survives."""

from __future__ import annotations

import io

import pytest
from PIL import ExifTags, Image
from pillow_heif import from_pillow

from conftest import jpeg_bytes, png_bomb
from solidarity.lib.images import ImageRejected, reencode

LIMITS = {"max_bytes": 15 * 1024 * 1024, "max_pixels": 50_000_000, "long_side": 2000, "thumb_side": 480}
CANARY_MAKE = "CanaryCam-7d1f"
CANARY_COMMENT = b"canary-comment-5e2a"
CANARY_XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description>canary-xmp-91c4</rdf:Description></x:xmpmeta>'


def phone_photo(orientation: int = 6) -> bytes:
    """A JPEG like a phone's: camera make, GPS position, a rotation flag, XMP and a comment."""
    image = Image.new("RGB", (400, 200), (10, 120, 200))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = CANARY_MAKE
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (55.0, 45.0, 21.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (37.0, 37.0, 4.0)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif, comment=CANARY_COMMENT, xmp=CANARY_XMP)
    return buffer.getvalue()


def test_phone_photo_keeps_pixels_but_loses_every_trace_of_metadata():
    original = phone_photo()
    assert CANARY_MAKE.encode() in original and b"canary-xmp" in original  # the fixture carries them

    result = reencode(io.BytesIO(original), **LIMITS)

    for blob in (result.data, result.thumbnail):
        assert CANARY_MAKE.encode() not in blob
        assert CANARY_COMMENT not in blob
        assert b"canary-xmp" not in blob
        assert b"Exif" not in blob
        image = Image.open(io.BytesIO(blob))
        assert image.format == "JPEG"
        assert not image.getexif()
        assert image.getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}
        assert "comment" not in image.info and "xmp" not in image.info and "exif" not in image.info


def test_rotation_flag_is_applied_to_the_pixels():
    result = reencode(io.BytesIO(phone_photo(orientation=6)), **LIMITS)
    assert (result.width, result.height) == (200, 400)  # 90° rotation made the landscape shot portrait


def test_large_photo_is_scaled_down_and_gets_a_thumbnail():
    result = reencode(io.BytesIO(jpeg_bytes(size=(4000, 3000))), **LIMITS)
    assert max(result.width, result.height) == 2000
    assert max(Image.open(io.BytesIO(result.thumbnail)).size) == 480


@pytest.mark.parametrize(
    "size, fmt, expected",
    [
        ((4032, 3024), "JPEG", (2016, 1512)),  # a phone photo decoded at half size: kept, not resampled
        ((2090, 1000), "PNG", (2090, 1000)),  # within 5 %: kept
        ((4400, 3300), "JPEG", (2000, 1500)),  # 2200 after the half-size decode: 10 % over, resampled
        ((2500, 1000), "PNG", (2000, 800)),
    ],
)
def test_the_long_side_is_a_limit_with_five_per_cent_slack(size, fmt, expected):
    image = Image.new("RGB", size, (120, 30, 60))
    out = io.BytesIO()
    image.save(out, format=fmt)
    result = reencode(out, **LIMITS)
    assert (result.width, result.height) == expected
    assert Image.open(io.BytesIO(result.data)).size == expected


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_are_accepted(fmt):
    buffer = io.BytesIO()
    Image.new("RGBA", (300, 300), (0, 200, 0, 128)).save(buffer, format=fmt)
    result = reencode(buffer, **LIMITS)
    image = Image.open(io.BytesIO(result.data))
    assert image.format == "JPEG" and image.mode == "RGB"


def test_heic_from_an_iphone_is_accepted():
    buffer = io.BytesIO()
    from_pillow(Image.new("RGB", (320, 240), (90, 10, 10))).save(buffer, format="HEIF", quality=60)
    result = reencode(buffer, **LIMITS)
    assert (result.width, result.height) == (320, 240)


def test_decompression_bomb_is_refused_without_decoding_it():
    bomb = png_bomb()
    assert len(bomb) < 200_000
    with pytest.raises(ImageRejected, match="too many pixels"):
        reencode(io.BytesIO(bomb), **LIMITS)


@pytest.mark.parametrize(
    "payload, message",
    [
        (b"", "empty"),
        (b"%PDF-1.4 not a photo at all", "not a picture"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "not a picture"),
        (jpeg_bytes()[:200], "not a picture"),  # truncated upload
    ],
)
def test_files_that_are_not_usable_pictures_get_a_clear_reason(payload, message):
    with pytest.raises(ImageRejected, match=message):
        reencode(io.BytesIO(payload), **LIMITS)


def test_gif_is_refused_as_an_unsupported_format():
    buffer = io.BytesIO()
    Image.new("P", (10, 10)).save(buffer, format="GIF")
    with pytest.raises(ImageRejected, match="JPEG, PNG, WebP and HEIC"):
        reencode(buffer, **LIMITS)


def test_file_over_the_size_limit_is_refused_before_decoding():
    with pytest.raises(ImageRejected, match="too large"):
        reencode(io.BytesIO(b"\xff\xd8" + b"0" * (2 * 1024 * 1024)), **{**LIMITS, "max_bytes": 1024 * 1024})
