"""Make a realistic ~3 MB phone-camera JPEG for bench/submission_surge.sh.

A flat colour compresses to a few kilobytes and would make the upload benchmark meaningless, so this draws a
12-megapixel (4032x3024) picture with gradients, shapes and sensor-like noise and picks the JPEG quality that
lands closest to the target size. Deterministic (fixed seed), so every run uploads the same bytes.

Usage: .venv/bin/python bench/make_photo.py OUT.jpg [TARGET_MB=3]
"""

from __future__ import annotations

import io
import random
import sys

from PIL import Image, ImageDraw, ImageFilter


def picture(width: int = 4032, height: int = 3024, seed: int = 2023) -> Image.Image:
    rng = random.Random(seed)
    # Sky-to-street gradient, a few "banners" and "people", then per-channel noise like a phone sensor at dusk.
    base = Image.linear_gradient("L").resize((width, height))
    image = Image.merge("RGB", (base, base.rotate(180), Image.new("L", (width, height), 90)))
    draw = ImageDraw.Draw(image)
    for _ in range(120):
        x, y = rng.randrange(width), rng.randrange(height)
        w, h = rng.randrange(40, 600), rng.randrange(40, 400)
        colour = tuple(rng.randrange(256) for _ in range(3))
        (draw.rectangle if rng.random() < 0.5 else draw.ellipse)([x, y, x + w, y + h], fill=colour)
    image = image.filter(ImageFilter.GaussianBlur(3))
    noise = Image.merge("RGB", [Image.effect_noise((width, height), 40 + 10 * i) for i in range(3)])
    return Image.blend(image, noise, 0.18)


def encode(image: Image.Image, target: int) -> bytes:
    best = b""
    for quality in range(95, 40, -1):
        out = io.BytesIO()
        image.save(out, format="JPEG", quality=quality)
        data = out.getvalue()
        if not best or abs(len(data) - target) < abs(len(best) - target):
            best = data
        if len(data) <= target:
            break
    return best


if __name__ == "__main__":
    path = sys.argv[1]
    target = int(float(sys.argv[2] if len(sys.argv) > 2 else 3) * 1024 * 1024)
    data = encode(picture(), target)
    with open(path, "wb") as handle:
        handle.write(data)
    print(f"{path}: {len(data) / 1024 / 1024:.2f} MB, 4032x3024 JPEG")
