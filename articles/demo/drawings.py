"""The demo pictures, drawn with Pillow from shapes and gradients: no downloads, no text, no fonts.

Every drawing is deterministic (a fixed seed per picture), so a second run draws the same pixels.
"""

import io
import itertools
import math
import random

from PIL import Image, ImageChops, ImageDraw, ImageFilter

WIDTH, HEIGHT = 1600, 1067
# Shapes are drawn at twice the size and scaled down: smooth edges without an anti-aliasing API.
SUPERSAMPLE = 2

Color = tuple[int, int, int]


def mix(a: Color, b: Color, t: float) -> Color:
    """The colour a fraction t of the way from a to b."""
    t = min(1.0, max(0.0, t))
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def with_alpha(color: Color, alpha: float) -> tuple[int, int, int, int]:
    return (*color, round(255 * alpha))


def _color_at(stops: list[tuple[float, Color]], t: float) -> Color:
    for (t0, c0), (t1, c1) in itertools.pairwise(stops):
        if t <= t1:
            return mix(c0, c1, (t - t0) / (t1 - t0) if t1 > t0 else 0)
    return stops[-1][1]


def _radial_mask(size: tuple[int, int], falloff: float, strength: float) -> Image.Image:
    # Pillow's radial gradient is 0 in the centre and 179 on the inscribed circle.
    lut = [round(255 * strength * max(0.0, 1 - v / 179) ** falloff) for v in range(256)]
    return Image.radial_gradient("L").point(lut).resize(size, Image.Resampling.BILINEAR)


class Canvas:
    """A WIDTH x HEIGHT picture, addressed in its own pixels and drawn at SUPERSAMPLE times that."""

    def __init__(self, seed: int, background: Color = (0, 0, 0)):
        self.rng = random.Random(seed)  # noqa: S311 - reproducible pictures, not secrets
        self.image = Image.new("RGB", (WIDTH * SUPERSAMPLE, HEIGHT * SUPERSAMPLE), background)
        self.draw = ImageDraw.Draw(self.image, "RGBA")

    @staticmethod
    def _scaled(points):
        return [(x * SUPERSAMPLE, y * SUPERSAMPLE) for x, y in points]

    @staticmethod
    def _box(box):
        return [round(v * SUPERSAMPLE) for v in box]

    def polygon(self, points, fill):
        self.draw.polygon(self._scaled(points), fill=fill)

    def rectangle(self, box, fill, radius=0):
        if radius:
            self.draw.rounded_rectangle(self._box(box), radius * SUPERSAMPLE, fill=fill)
        else:
            self.draw.rectangle(self._box(box), fill=fill)

    def ellipse(self, box, fill):
        self.draw.ellipse(self._box(box), fill=fill)

    def circle(self, center, radius, fill):
        x, y = center
        self.ellipse((x - radius, y - radius, x + radius, y + radius), fill)

    def pieslice(self, box, start, end, fill):
        self.draw.pieslice(self._box(box), start, end, fill=fill)

    def line(self, points, fill, width=1.0):
        self.draw.line(
            self._scaled(points), fill=fill, width=max(1, round(width * SUPERSAMPLE)), joint="curve"
        )

    def capsule(self, start, end, radius, fill):
        """A thick line with round ends (a finger, a blade, a limb)."""
        self.line([start, end], fill, width=radius * 2)
        self.circle(start, radius, fill)
        self.circle(end, radius, fill)

    def gradient(self, box, stops, *, horizontal=False):
        """Fill a box with a linear gradient through (position, colour) stops."""
        x0, y0, x1, y1 = self._box(box)
        length = (x1 - x0) if horizontal else (y1 - y0)
        strip = Image.new("RGB", (length, 1) if horizontal else (1, length))
        strip.putdata([_color_at(stops, i / max(1, length - 1)) for i in range(length)])
        self.image.paste(strip.resize((x1 - x0, y1 - y0), Image.Resampling.NEAREST), (x0, y0))

    def fade(self, box, color, alpha_stops, *, horizontal=False):
        """Lay a colour over a box with an opacity that changes through (position, alpha) stops."""
        x0, y0, x1, y1 = self._box(box)
        length = (x1 - x0) if horizontal else (y1 - y0)
        strip = Image.new("L", (length, 1) if horizontal else (1, length))
        grey_stops = [(t, (round(255 * a),) * 3) for t, a in alpha_stops]
        strip.putdata([_color_at(grey_stops, i / max(1, length - 1))[0] for i in range(length)])
        mask = strip.resize((x1 - x0, y1 - y0), Image.Resampling.BILINEAR)
        self.image.paste(color, (x0, y0, x1, y1), mask)

    def glow(self, center, radius, color, strength=1.0, falloff=2.0):
        """Add light: a soft disc that brightens what is under it (screen blending)."""
        x, y = center
        x0, y0 = round((x - radius) * SUPERSAMPLE), round((y - radius) * SUPERSAMPLE)
        size = round(2 * radius * SUPERSAMPLE)
        mask = _radial_mask((size, size), falloff, strength)
        light = Image.new("RGB", (size, size))
        light.paste(color, (0, 0, size, size), mask)
        region = self.image.crop((x0, y0, x0 + size, y0 + size))
        self.image.paste(ImageChops.screen(region, light), (x0, y0))

    def shade(self, center, radius, color, strength=1.0, falloff=2.0):
        """A soft dark patch: a shadow or the dimming of a vignette."""
        x, y = center
        x0, y0 = round((x - radius) * SUPERSAMPLE), round((y - radius) * SUPERSAMPLE)
        size = round(2 * radius * SUPERSAMPLE)
        mask = _radial_mask((size, size), falloff, strength)
        self.image.paste(color, (x0, y0, x0 + size, y0 + size), mask)

    def crescent(self, center, radius, offset, fill):
        """A moon: a disc with an offset disc taken out of it."""
        x, y = center
        dx, dy = offset
        mask = Image.new("L", self.image.size)
        draw = ImageDraw.Draw(mask)
        draw.ellipse(self._box((x - radius, y - radius, x + radius, y + radius)), fill=255)
        draw.ellipse(
            self._box((x + dx - radius, y + dy - radius, x + dx + radius, y + dy + radius)), fill=0
        )
        self.image.paste(fill, (0, 0, *self.image.size), mask)

    def blur(self, radius, box=None):
        box = self._box(box) if box else (0, 0, *self.image.size)
        region = self.image.crop(box).filter(ImageFilter.GaussianBlur(radius * SUPERSAMPLE))
        self.image.paste(region, box[:2])

    def reflect(self, x0, x1, top, waterline, depth, *, alpha=0.55, blur=3.0, tint=(20, 40, 70)):
        """Mirror what stands on a waterline into the water below it, darker and softened."""
        box = self._box((x0, top, x1, waterline))
        height = box[3] - box[1]
        mirrored = self.image.crop(box).transpose(Image.Transpose.FLIP_TOP_BOTTOM)
        mirrored = mirrored.resize((box[2] - box[0], round(depth * SUPERSAMPLE)))
        if height:
            mirrored = mirrored.filter(ImageFilter.GaussianBlur(blur * SUPERSAMPLE))
        mirrored = Image.blend(mirrored, Image.new("RGB", mirrored.size, tint), 0.35)
        fading = Image.new("L", (1, mirrored.height))
        fading.putdata(
            [round(255 * alpha * (1 - i / mirrored.height) ** 0.7) for i in range(mirrored.height)]
        )
        self.image.paste(mirrored, (box[0], box[3]), fading.resize(mirrored.size))

    def finish(self, *, vignette=0.0, grain=0.0) -> Image.Image:
        """Scale down to the final size, then darken the corners and add film grain."""
        picture = self.image.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)
        if vignette:
            # Dark corners: the radial mask inverted (0 in the middle, strongest at the edges).
            lut = [round(255 * vignette * min(1.0, v / 255) ** 2.2) for v in range(256)]
            mask = Image.radial_gradient("L").point(lut).resize((WIDTH, HEIGHT))
            picture.paste((8, 8, 14), (0, 0, WIDTH, HEIGHT), mask)
        if grain:
            noise = Image.frombytes("L", (WIDTH, HEIGHT), self.rng.randbytes(WIDTH * HEIGHT))
            noise = noise.point([round(128 + (v - 128) * grain) for v in range(256)])
            picture = ImageChops.overlay(picture, Image.merge("RGB", [noise] * 3))
        return picture


def _jitter(rng, value, spread):
    return value + rng.uniform(-spread, spread)


def _ridge(rng, baseline, amplitude, *, step=40, waves=3, phase=None):
    """Points along a hill or forest-edge line across the whole width."""
    phase = rng.uniform(0, math.tau) if phase is None else phase
    points = []
    for x in range(-step, WIDTH + 2 * step, step):
        wave = sum(
            math.sin(x / WIDTH * math.tau * (k + 0.6) + phase * (k + 1)) / (k + 1)
            for k in range(waves)
        )
        points.append((x, baseline - amplitude * (0.5 + 0.5 * wave / 1.6)))
    return points


def _spruce(canvas, x, base, height, color, *, tiers=9):
    """A Swedish spruce: a narrow, ragged cone of drooping tiers."""
    rng = canvas.rng
    top = base - height
    width = height * rng.uniform(0.2, 0.26)
    right, left = [], []
    for k in range(1, tiers + 1):
        t = k / tiers
        y = top + height * 0.92 * t
        reach = width * t**0.85 * rng.uniform(0.85, 1.1)
        right += [(x + reach, y + height * 0.025), (x + reach * 0.45, y - height * 0.012)]
        reach = width * t**0.85 * rng.uniform(0.85, 1.1)
        left += [(x - reach, y + height * 0.025), (x - reach * 0.45, y - height * 0.012)]
    trunk = max(1.5, height * 0.018)
    canvas.rectangle((x - trunk, base - height * 0.1, x + trunk, base), color)
    canvas.polygon([(x, top), *right, (x, base - height * 0.06), *reversed(left)], color)


def _star(canvas, center, radius, fill):
    x, y = center
    points = []
    for i in range(10):
        r = radius if i % 2 == 0 else radius * 0.4
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((x + r * math.cos(angle), y + r * math.sin(angle)))
    canvas.polygon(points, fill)


def _person(canvas, x, base, height, shirt, shorts, skin, *, stride=0.5, facing=1, hair=None):
    """A footballer in mid-run, seen from the stand."""
    u = height / 10
    hip = (x, base - 5 * u)
    shoulder = (x + facing * 0.5 * u, base - 8 * u)
    # Legs: one pushing off behind, one reaching forward.
    back_knee = (x - facing * 1.2 * stride * u, base - 2.6 * u)
    back_foot = (x - facing * 2.4 * stride * u, base - 0.6 * u)
    front_knee = (x + facing * 1.5 * stride * u, base - 2.8 * u)
    front_foot = (x + facing * 1.0 * stride * u, base)
    for knee, foot in ((back_knee, back_foot), (front_knee, front_foot)):
        canvas.line([hip, knee], skin, width=0.9 * u)
        canvas.line([knee, foot], shorts if shirt == shorts else (236, 236, 236), width=0.8 * u)
        canvas.capsule(foot, (foot[0] + facing * 0.6 * u, foot[1]), 0.35 * u, (25, 25, 28))
    canvas.polygon(
        [
            (hip[0] - 1.1 * u, hip[1] - 0.3 * u),
            (hip[0] + 1.1 * u, hip[1] - 0.3 * u),
            (hip[0] + 1.2 * u, hip[1] + 1.3 * u),
            (hip[0] - 1.2 * u, hip[1] + 1.3 * u),
        ],
        shorts,
    )
    # Arms swing against the legs.
    canvas.line([shoulder, (x - facing * 1.8 * u, base - 6.2 * u)], skin, width=0.7 * u)
    canvas.line([shoulder, (x + facing * 1.9 * u, base - 6.6 * u)], skin, width=0.7 * u)
    canvas.polygon(
        [
            (shoulder[0] - 1.3 * u, shoulder[1] - 0.2 * u),
            (shoulder[0] + 1.3 * u, shoulder[1] - 0.2 * u),
            (hip[0] + 1.15 * u, hip[1]),
            (hip[0] - 1.15 * u, hip[1]),
        ],
        shirt,
    )
    head = (shoulder[0] + facing * 0.2 * u, shoulder[1] - 1.2 * u)
    if hair:
        canvas.capsule(
            (head[0] - facing * 0.5 * u, head[1]),
            (head[0] - facing * 1.1 * u, head[1] + 0.6 * u),
            0.35 * u,
            hair,
        )
    canvas.circle(head, 0.85 * u, skin)
    if hair:
        canvas.pieslice(
            (head[0] - 0.9 * u, head[1] - 0.95 * u, head[0] + 0.9 * u, head[1] + 0.85 * u),
            180,
            360,
            hair,
        )


# --- The pictures ---------------------------------------------------------------------------


def summit() -> Image.Image:
    """Two hands meeting in a handshake in front of a Japanese and an American flag motif."""
    c = Canvas(seed=2810)
    # Left: white field with a red disc.
    c.rectangle((0, 0, 800, HEIGHT), (242, 240, 234))
    c.circle((390, 380), 235, (190, 18, 48))
    # Right: thirteen stripes and a blue canton with stars.
    stripe = HEIGHT / 13
    for i in range(13):
        color = (178, 34, 52) if i % 2 == 0 else (240, 238, 232)
        c.rectangle((800, i * stripe, WIDTH, (i + 1) * stripe + 1), color)
    c.rectangle((800, 0, 1130, 7 * stripe), (44, 50, 104))
    for row in range(9):
        for col in range(6 if row % 2 == 0 else 5):
            cx = 800 + 30 + col * 55 + (27 if row % 2 else 0)
            _star(c, (cx, 34 + row * 60), 14, (240, 238, 232))
    # Folds of cloth: bands of shade across both flags.
    folds = Image.new("L", (WIDTH * SUPERSAMPLE, 1))
    folds.putdata(
        [
            round(
                205
                + 35 * math.sin(i / SUPERSAMPLE / 95)
                + 15 * math.sin(i / SUPERSAMPLE / 37 + 1.3)
            )
            for i in range(WIDTH * SUPERSAMPLE)
        ]
    )
    folds = folds.resize(c.image.size).convert("RGB")
    c.image.paste(ImageChops.multiply(c.image, folds))
    c.blur(7)
    # A dark floor of shadow below the hands, then warm light from above.
    c.fade((0, 560, WIDTH, HEIGHT), (18, 20, 30), [(0, 0.0), (0.6, 0.55), (1, 0.85)])
    c.glow((800, 460), 560, (255, 236, 205), strength=0.25)

    suit_left, suit_right = (30, 36, 54), (24, 27, 34)
    cuff = (236, 236, 232)
    skin_left, skin_right = (196, 150, 122), (222, 178, 146)
    gap = (110, 72, 58)
    # Sleeves rise from the lower corners towards the clasp.
    c.polygon([(-80, HEIGHT), (120, HEIGHT), (585, 720), (545, 545), (250, 700)], suit_left)
    c.polygon(
        [(WIDTH + 80, HEIGHT), (1480, HEIGHT), (1030, 735), (1060, 560), (1350, 700)], suit_right
    )
    c.polygon([(535, 548), (585, 722), (620, 708), (585, 540)], cuff)
    c.polygon([(1068, 556), (1030, 733), (995, 720), (1030, 548)], cuff)
    # The left hand, palm inwards: its fingers reach under the right hand and out beyond it.
    c.polygon([(585, 548), (620, 712), (760, 700), (840, 640), (800, 560), (690, 540)], skin_left)
    for i, y in enumerate((612, 642, 670)):
        c.capsule((800, y - 6), (905 - i * 8, y + 4), 17, gap)
        c.capsule((800, y - 6), (902 - i * 8, y + 2), 15, skin_left)
    # The right hand, back towards us, its fingers curled round the edge of the left hand.
    c.polygon(
        [(1032, 552), (996, 722), (870, 730), (770, 690), (760, 610), (850, 560), (960, 548)],
        skin_right,
    )
    for i in range(4):
        y = 606 + i * 30
        c.capsule((820, y), (716 + i * 6, y + 18), 17, gap)
        c.capsule((822, y - 1), (718 + i * 6, y + 16), 15, skin_right)
    # Thumbs over the top: the left one lies across the back of the right hand.
    c.capsule((890, 556), (790, 575), 19, gap)
    c.capsule((892, 555), (792, 574), 17, skin_right)
    c.capsule((648, 560), (770, 548), 21, gap)
    c.capsule((646, 558), (768, 547), 19, skin_left)
    # Light catching the top edge of the clasp.
    c.line([(660, 544), (760, 535)], with_alpha((255, 230, 205), 0.5), width=4)
    c.line([(808, 558), (884, 543)], with_alpha((255, 235, 210), 0.45), width=4)
    return c.finish(vignette=0.55, grain=0.06)


def harbour() -> Image.Image:
    """A ferry arriving in a small harbour with red boathouses in the morning light."""
    c = Canvas(seed=1401)
    horizon = 520
    c.gradient(
        (0, 0, WIDTH, horizon),
        [(0, (92, 136, 186)), (0.55, (168, 196, 222)), (1, (246, 216, 184))],
    )
    c.glow((1190, 455), 420, (255, 214, 160), strength=0.55)
    c.circle((1190, 455), 26, (255, 244, 222))
    # Distant islands in haze.
    c.polygon(
        [(0, horizon), *_ridge(c.rng, horizon + 4, 46, step=30), (WIDTH, horizon)], (128, 142, 164)
    )
    for x, y in ((300, 180), (340, 165), (1420, 210), (1460, 198), (1390, 230)):
        c.line([(x - 12, y - 6), (x, y), (x + 12, y - 6)], (70, 76, 90), width=2.2)
    # Water.
    c.gradient(
        (0, horizon, WIDTH, HEIGHT),
        [(0, (214, 196, 182)), (0.15, (120, 150, 176)), (1, (34, 64, 96))],
    )
    c.glow((1190, 560), 300, (255, 200, 150), strength=0.35, falloff=1.4)
    # Granite shore with boathouses on the left.
    c.polygon(
        [(0, 610), (0, 540), (120, 530), (260, 548), (420, 560), (560, 585), (640, 612)],
        (150, 132, 126),
    )
    c.polygon([(0, 612), (640, 612), (560, 590), (300, 580), (0, 585)], (112, 98, 96))
    houses = [(30, 150, 95), (200, 120, 80), (345, 135, 90), (505, 105, 70)]
    for x, w, h in houses:
        base = 600
        wall = (142, 38, 30)
        c.rectangle((x, base - h, x + w, base), wall)
        c.rectangle((x + w * 0.65, base - h, x + w, base), mix(wall, (40, 10, 10), 0.25))
        c.polygon(
            [(x - 8, base - h), (x + w / 2, base - h - h * 0.55), (x + w + 8, base - h)],
            (46, 44, 48),
        )
        c.rectangle((x + w * 0.3, base - h * 0.62, x + w * 0.55, base), (234, 228, 216))
        c.rectangle((x + w * 0.33, base - h * 0.58, x + w * 0.52, base), (60, 30, 26))
        c.rectangle((x + w * 0.68, base - h * 0.7, x + w * 0.86, base - h * 0.45), (234, 228, 216))
        c.rectangle((x + w * 0.70, base - h * 0.67, x + w * 0.84, base - h * 0.48), (70, 84, 100))
        c.rectangle((x - 4, base, x + w + 4, base + 8), (84, 70, 60))
    # The ferry: white hull, a dark band at the waterline, two decks of windows and a funnel.
    w0, w1, deck = 720, 1120, 612
    c.polygon([(w0, deck - 52), (w1, deck - 52), (w1 - 14, deck), (w0 + 40, deck)], (244, 244, 240))
    c.polygon(
        [(w0 + 30, deck - 14), (w1 - 10, deck - 14), (w1 - 14, deck), (w0 + 40, deck)], (30, 50, 86)
    )
    c.rectangle((w0 + 70, deck - 100, w1 - 30, deck - 52), (236, 236, 232))
    c.rectangle((w0 + 110, deck - 136, w1 - 90, deck - 100), (232, 232, 228))
    c.polygon(
        [(w0 + 70, deck - 100), (w0 + 110, deck - 136), (w0 + 110, deck - 100)], (232, 232, 228)
    )
    for row_y, start, end in ((deck - 88, w0 + 84, w1 - 44), (deck - 126, w0 + 122, w1 - 102)):
        x = start
        while x < end:
            c.rectangle((x, row_y, x + 18, row_y + 14), (54, 72, 96), radius=3)
            x += 26
    for x in range(w0 + 60, w1 - 30, 34):
        c.circle((x, deck - 34), 5, (70, 84, 104))
    c.rectangle((w1 - 150, deck - 190, w1 - 112, deck - 136), (226, 180, 40))
    c.rectangle((w1 - 150, deck - 190, w1 - 112, deck - 176), (28, 28, 30))
    # A radar mast with its scanner.
    c.line([(w0 + 160, deck - 136), (w0 + 160, deck - 186)], (60, 60, 64), width=3)
    c.rectangle((w0 + 146, deck - 192, w0 + 174, deck - 187), (60, 60, 64), radius=2)
    c.circle((w0 + 160, deck - 160), 4, (60, 60, 64))
    c.reflect(0, 700, 420, 612, 120, alpha=0.45)
    c.reflect(w0, w1, deck - 200, deck, 150, alpha=0.5)
    # Ripples: short strokes, finer towards the horizon.
    rng = c.rng
    for _ in range(900):
        y = horizon + (HEIGHT - horizon) * rng.random() ** 1.6
        depth = (y - horizon) / (HEIGHT - horizon)
        length = 8 + 70 * depth * rng.random()
        x = rng.uniform(-20, WIDTH)
        light = rng.random() < 0.5
        color = (255, 236, 210) if light else (16, 34, 60)
        c.line(
            [(x, y), (x + length, y)],
            with_alpha(color, 0.12 + 0.2 * rng.random()),
            width=1 + 2.5 * depth,
        )
    # Sun path on the water.
    for _ in range(160):
        y = rng.uniform(horizon + 10, 900)
        spread = 20 + (y - horizon) * 0.35
        x = 1190 + rng.uniform(-spread, spread)
        c.line([(x, y), (x + rng.uniform(6, 30), y)], with_alpha((255, 232, 196), 0.5), width=2)
    # Quay in the foreground with bollards.
    c.polygon([(1180, HEIGHT), (1330, 760), (WIDTH, 760), (WIDTH, HEIGHT)], (168, 162, 152))
    c.polygon([(1180, HEIGHT), (1330, 760), (1322, 760), (1160, HEIGHT)], (96, 92, 88))
    c.polygon([(1160, HEIGHT), (1322, 760), (1300, 790), (1120, HEIGHT)], (62, 60, 60))
    for i in range(0, 12):
        y = 770 + i * 26
        c.line(
            [(1330 - (y - 760) * 0.53, y), (WIDTH, y)], with_alpha((120, 114, 106), 0.4), width=1.5
        )
    for x, y, s in ((1390, 800, 16), (1290, 960, 30)):
        c.ellipse((x - s, y - s * 0.4, x + s, y + s * 0.4), (40, 40, 44))
        c.rectangle((x - s * 0.75, y - s * 1.6, x + s * 0.75, y), (28, 28, 32))
        c.ellipse((x - s, y - s * 2.0, x + s, y - s * 1.3), (44, 44, 50))
    return c.finish(vignette=0.35, grain=0.07)


def forest() -> Image.Image:
    """A spruce forest in layers of morning mist, with sunlight breaking through."""
    c = Canvas(seed=1902)
    c.gradient(
        (0, 0, WIDTH, HEIGHT),
        [(0, (176, 198, 196)), (0.35, (226, 228, 210)), (0.6, (214, 218, 200)), (1, (60, 80, 62))],
    )
    sun = (1040, 250)
    c.glow(sun, 700, (255, 236, 190), strength=0.7, falloff=1.6)
    c.glow(sun, 160, (255, 248, 228), strength=0.9, falloff=1.2)
    c.circle(sun, 42, (255, 252, 240))
    layers = [
        (470, 150, (150, 170, 164), 14),
        (560, 210, (118, 142, 130), 12),
        (670, 290, (82, 108, 92), 10),
        (800, 380, (48, 72, 56), 8),
    ]
    rng = c.rng
    for index, (base, tall, color, count) in enumerate(layers):
        c.polygon([(0, HEIGHT), *_ridge(rng, base + 20, 30, step=60), (WIDTH, HEIGHT)], color)
        spacing = WIDTH / count
        for i in range(count * 3):
            x = (i / 3) * spacing + rng.uniform(-spacing * 0.3, spacing * 0.3)
            _spruce(c, x, base + rng.uniform(0, 30), tall * rng.uniform(0.7, 1.15), color)
        # Mist settles in front of each layer except the nearest.
        if index < len(layers) - 1:
            c.fade(
                (0, base - 60, WIDTH, base + 120),
                (236, 236, 226),
                [(0, 0.0), (0.55, 0.5), (1, 0.0)],
            )
    # Rays of light fanning down from the sun through the trees.
    rays = Image.new("L", c.image.size)
    draw = ImageDraw.Draw(rays)
    for angle in (96, 104, 111, 119, 128, 140):
        a = math.radians(angle + rng.uniform(-2, 2))
        spread = math.radians(rng.uniform(1.2, 2.6))
        far = 1600
        points = [
            sun,
            (sun[0] + far * math.cos(a - spread), sun[1] + far * math.sin(a - spread)),
            (sun[0] + far * math.cos(a + spread), sun[1] + far * math.sin(a + spread)),
        ]
        draw.polygon(Canvas._scaled(points), fill=round(rng.uniform(40, 70)))
    rays = rays.filter(ImageFilter.GaussianBlur(12 * SUPERSAMPLE))
    c.image.paste((255, 244, 214), (0, 0, *c.image.size), rays)
    # The nearest trees frame the picture and rise out of it.
    near = (22, 38, 28)
    c.polygon([(0, HEIGHT), *_ridge(rng, 980, 40, step=80), (WIDTH, HEIGHT)], (34, 52, 36))
    for x, h in ((40, 1150), (150, 820), (1380, 900), (1530, 1200), (1250, 620)):
        _spruce(c, x, HEIGHT + 40, h, near, tiers=14)
    # Moss and a few lit tufts on the forest floor.
    for _ in range(420):
        x = rng.uniform(0, WIDTH)
        y = rng.uniform(985, HEIGHT + 10)
        tall = rng.uniform(10, 26)
        color = with_alpha(mix((40, 66, 34), (140, 166, 86), rng.random()), 0.6)
        for lean in (-0.5, -0.2, 0.1, 0.4):
            c.line([(x, y), (x + lean * tall, y - tall * (1 - abs(lean) * 0.5))], color, width=2)
    return c.finish(vignette=0.45, grain=0.06)


def skyline() -> Image.Image:
    """A city by the water at dusk: towers and gables against an orange sky, windows lit."""
    c = Canvas(seed=1703)
    waterline = 700
    c.gradient(
        (0, 0, WIDTH, waterline),
        [
            (0, (20, 26, 64)),
            (0.4, (62, 52, 108)),
            (0.72, (196, 98, 112)),
            (1, (252, 176, 108)),
        ],
    )
    rng = c.rng
    for _ in range(90):
        x, y = rng.uniform(0, WIDTH), rng.uniform(0, 300) ** 1.0
        c.circle((x, y), rng.uniform(0.8, 2.0), with_alpha((255, 250, 235), rng.uniform(0.4, 0.9)))
    # A crescent moon: a pale disc with a disc of sky laid over it.
    c.glow((1260, 150), 110, (200, 190, 230), strength=0.35)
    c.crescent((1260, 150), 38, (18, -12), (248, 240, 218))
    c.glow((800, 700), 700, (255, 170, 100), strength=0.35, falloff=1.5)
    # Far layer: hazy towers, a church spire and a domed roof.
    far = (104, 72, 118)
    x = -20
    while x < WIDTH:
        w = rng.uniform(50, 120)
        h = rng.uniform(120, 300)
        c.rectangle((x, waterline - 40 - h, x + w, waterline), far)
        x += w + rng.uniform(-10, 10)
    c.polygon([(300, 430), (318, 300), (336, 430)], far)
    c.rectangle((292, 430, 344, 560), far)
    c.ellipse((1000, 440, 1110, 540), far)
    c.rectangle((1000, 490, 1110, 620), far)
    c.rectangle((1051, 405, 1059, 445), far)
    c.rectangle((640, 330, 690, 600), far)
    c.rectangle((662, 280, 667, 330), far)
    # Near layer: tenements with gables, an office block and a tower, windows lit at random.
    near = (38, 30, 58)
    unlit = (58, 50, 82)
    lit = [(255, 204, 120), (255, 224, 160), (250, 180, 100)]
    x = -10
    while x < WIDTH + 40:
        w = rng.choice((110, 130, 150, 180))
        h = rng.uniform(110, 280)
        top = waterline - h
        c.rectangle((x, top, x + w - 6, waterline), near)
        roof = rng.random()
        if roof < 0.35:
            c.polygon([(x, top), (x + (w - 6) / 2, top - 50), (x + w - 6, top)], near)
        elif roof < 0.55:
            step = (w - 6) / 5
            c.polygon(
                [
                    (x, top),
                    (x + step, top),
                    (x + step, top - 22),
                    (x + 2 * step, top - 22),
                    (x + 2 * step, top - 44),
                    (x + 3 * step, top - 44),
                    (x + 3 * step, top - 22),
                    (x + 4 * step, top - 22),
                    (x + 4 * step, top),
                    (x + 5 * step, top),
                ],
                near,
            )
        wy = top + 20
        while wy < waterline - 40:
            wx = x + 14
            while wx < x + w - 30:
                on = rng.random() < 0.38
                color = rng.choice(lit) if on else unlit
                c.rectangle((wx, wy, wx + 12, wy + 18), color)
                if on:
                    c.glow((wx + 6, wy + 9), 22, color, strength=0.18)
                wx += 24
            wy += 32
        x += w
    # Quay, lamps and the water.
    c.rectangle((0, waterline - 14, WIDTH, waterline + 6), (24, 20, 36))
    c.gradient(
        (0, waterline + 6, WIDTH, HEIGHT),
        [(0, (70, 52, 92)), (0.3, (34, 32, 66)), (1, (10, 14, 34))],
    )
    c.reflect(0, WIDTH, 330, waterline - 14, 300, alpha=0.6, blur=4, tint=(12, 16, 40))
    for lx in range(60, WIDTH, 180):
        c.line([(lx, waterline - 14), (lx, waterline - 70)], (20, 18, 30), width=4)
        c.circle((lx, waterline - 74), 6, (255, 226, 170))
        c.glow((lx, waterline - 74), 60, (255, 190, 120), strength=0.6)
        for k in range(8):
            y = waterline + 20 + k * 22
            span = 6 + k * 3
            c.line(
                [(lx - span, y), (lx + span, y)],
                with_alpha((255, 206, 140), 0.5 - k * 0.05),
                width=3,
            )
    for _ in range(500):
        y = waterline + 10 + (HEIGHT - waterline) * rng.random() ** 1.4
        x = rng.uniform(0, WIDTH)
        length = rng.uniform(10, 80)
        c.line([(x, y), (x + length, y)], with_alpha((10, 12, 30), 0.45), width=2)
    return c.finish(vignette=0.3)


def wind_farm() -> Image.Image:
    """Wind turbines on rolling farmland under a summer sky, a red farmhouse below."""
    c = Canvas(seed=2204)
    horizon = 610
    c.gradient(
        (0, 0, WIDTH, horizon + 40),
        [(0, (58, 116, 186)), (0.7, (150, 190, 226)), (1, (214, 228, 236))],
    )
    rng = c.rng
    clouds = Image.new("L", (WIDTH * SUPERSAMPLE // 4, horizon * SUPERSAMPLE // 4))
    draw = ImageDraw.Draw(clouds)
    for cx, cy, scale in ((260, 160, 1.0), (760, 90, 0.8), (1240, 210, 1.2), (1500, 70, 0.6)):
        for _ in range(9):
            dx, dy = rng.uniform(-140, 140) * scale, rng.uniform(-30, 25) * scale
            r = rng.uniform(40, 80) * scale
            box = [(cx + dx - r * 1.4), (cy + dy - r), (cx + dx + r * 1.4), (cy + dy + r * 0.6)]
            draw.ellipse([v * SUPERSAMPLE / 4 for v in box], fill=235)
    clouds = clouds.filter(ImageFilter.GaussianBlur(6)).resize(
        (WIDTH * SUPERSAMPLE, horizon * SUPERSAMPLE), Image.Resampling.BILINEAR
    )
    c.image.paste((252, 252, 250), (0, 0, *clouds.size), clouds)
    hills = [
        (horizon, 50, (126, 156, 150)),
        (horizon + 70, 90, (98, 142, 88)),
        (horizon + 190, 120, (120, 158, 70)),
    ]
    ridges = []
    for base, amplitude, color in hills:
        ridge = _ridge(rng, base, amplitude, step=40)
        ridges.append(ridge)
        c.polygon([(0, HEIGHT), *ridge, (WIDTH, HEIGHT)], color)

    def height_on(ridge, x):
        for (x0, y0), (x1, y1) in itertools.pairwise(ridge):
            if x0 <= x <= x1:
                return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
        return ridge[-1][1]

    def turbine(x, base, tall, angle):
        white, shade = (242, 244, 246), (196, 202, 212)
        top = base - tall
        c.polygon(
            [
                (x - tall * 0.022, base),
                (x + tall * 0.022, base),
                (x + tall * 0.01, top),
                (x - tall * 0.01, top),
            ],
            white,
        )
        c.polygon([(x, base), (x + tall * 0.022, base), (x + tall * 0.01, top), (x, top)], shade)
        c.rectangle(
            (x - tall * 0.03, top - tall * 0.025, x + tall * 0.06, top + tall * 0.02),
            white,
            radius=tall * 0.015,
        )
        hub = (x - tall * 0.035, top)
        for k in range(3):
            a = math.radians(angle + k * 120)
            length = tall * 0.62
            tip = (hub[0] + length * math.cos(a), hub[1] + length * math.sin(a))
            side = (math.cos(a + math.pi / 2), math.sin(a + math.pi / 2))
            root = tall * 0.022
            c.polygon(
                [
                    (hub[0] + side[0] * root, hub[1] + side[1] * root),
                    (
                        hub[0] + length * 0.25 * math.cos(a) + side[0] * root * 1.4,
                        hub[1] + length * 0.25 * math.sin(a) + side[1] * root * 1.4,
                    ),
                    tip,
                    (hub[0] - side[0] * root * 0.4, hub[1] - side[1] * root * 0.4),
                ],
                white if k != 1 else mix(white, shade, 0.5),
            )
        c.circle(hub, tall * 0.03, white)

    placements = [
        (0, 180, 95, 15),
        (0, 420, 110, 62),
        (0, 660, 100, 40),
        (0, 1380, 90, 80),
        (1, 980, 230, 25),
        (1, 1230, 210, 98),
        (1, 120, 200, 52),
        (2, 520, 420, 70),
    ]
    for layer, x, tall, angle in placements:
        turbine(x, height_on(ridges[layer], x) + 12, tall, angle)
    # Fields in the foreground: rows running towards the hills, a rapeseed strip.
    near = ridges[2]
    c.polygon(
        [
            (0, HEIGHT),
            (0, height_on(near, 0) + 90),
            (WIDTH, height_on(near, WIDTH) + 150),
            (WIDTH, HEIGHT),
        ],
        (206, 186, 58),
    )
    c.polygon(
        [
            (0, HEIGHT),
            (0, height_on(near, 0) + 190),
            (WIDTH, height_on(near, WIDTH) + 260),
            (WIDTH, HEIGHT),
        ],
        (132, 150, 60),
    )
    field_left, field_right = height_on(near, 0) + 190, height_on(near, WIDTH) + 260
    for i in range(-16, 17):
        x = 800 + i * 50
        y = field_left + (field_right - field_left) * x / WIDTH
        c.line([(x, y), (800 + i * 150, HEIGHT)], with_alpha((80, 100, 40), 0.35), width=3)
    # A red farmhouse with white corners and a birch group.
    fx, fy = 300, height_on(ridges[1], 300) + 85
    c.rectangle((fx, fy - 60, fx + 120, fy), (150, 40, 32))
    c.polygon([(fx - 10, fy - 60), (fx + 60, fy - 100), (fx + 130, fy - 60)], (54, 52, 56))
    for wx in (fx + 14, fx + 50, fx + 86):
        c.rectangle((wx, fy - 44, wx + 20, fy - 20), (240, 236, 226))
        c.rectangle((wx + 3, fy - 41, wx + 17, fy - 23), (70, 90, 110))
    c.rectangle((fx, fy - 60, fx + 6, fy), (240, 236, 226))
    c.rectangle((fx + 114, fy - 60, fx + 120, fy), (240, 236, 226))
    for bx, h in ((fx - 60, 120), (fx - 30, 150), (fx + 160, 130)):
        c.line([(bx, fy), (bx, fy - h)], (236, 232, 226), width=5)
        for _ in range(6):
            c.circle(
                (bx + rng.uniform(-22, 22), fy - h + rng.uniform(0, h * 0.6)),
                rng.uniform(18, 30),
                mix((70, 120, 50), (120, 160, 60), rng.random()),
            )
    c.glow((1350, 40), 600, (255, 246, 220), strength=0.35)
    return c.finish(vignette=0.25, grain=0.03)


def library() -> Image.Image:
    """A reading room: full bookshelves on both sides of a tall window, lamps on a long table."""
    c = Canvas(seed=1105)
    rng = c.rng
    wall = (196, 176, 150)
    c.rectangle((0, 0, WIDTH, 840), wall)
    c.gradient((0, 840, WIDTH, HEIGHT), [(0, (120, 82, 54)), (1, (70, 44, 28))])
    # Floorboards converging on the window.
    for i in range(-20, 21):
        c.line(
            [(800 + i * 18, 840), (800 + i * 120, HEIGHT)], with_alpha((50, 30, 18), 0.35), width=2
        )
    # The window: bright sky behind a grid of glazing bars, in an arched frame.
    wx0, wx1, wtop, wbottom = 600, 1000, 130, 780
    c.rectangle((wx0 - 26, wtop + 60, wx1 + 26, wbottom + 26), (150, 128, 104))
    c.ellipse((wx0 - 26, wtop - 170, wx1 + 26, wtop + 260), (150, 128, 104))
    c.gradient((wx0, wtop + 60, wx1, wbottom), [(0, (206, 226, 240)), (1, (244, 246, 240))])
    c.pieslice((wx0, wtop - 140, wx1, wtop + 260), 180, 360, (196, 220, 238))
    # Treetops beyond the glass.
    for _ in range(16):
        r = rng.uniform(40, 64)
        x = rng.uniform(wx0 + r, wx1 - r)
        y = rng.uniform(560, wbottom - r)
        c.circle((x, y), r, with_alpha((120, 160, 110), 0.5))
    for y in range(wtop + 60, wbottom, 108):
        c.line([(wx0, y), (wx1, y)], (92, 76, 64), width=6)
    for x in (wx0 + 133, wx0 + 266):
        c.line([(x, wtop - 60), (x, wbottom)], (92, 76, 64), width=6)
    c.line([(800, wtop - 140), (800, wtop + 60)], (92, 76, 64), width=6)
    c.glow((800, 460), 650, (255, 244, 220), strength=0.55, falloff=1.6)
    # Shelves on both sides, filled with spines of many colours.
    spines = [
        (126, 38, 40),
        (34, 58, 96),
        (40, 84, 62),
        (196, 150, 64),
        (226, 216, 190),
        (94, 94, 100),
        (150, 80, 50),
        (70, 50, 86),
        (176, 120, 110),
        (20, 28, 40),
    ]
    wood, dark_wood = (112, 74, 46), (70, 44, 26)
    for x0, x1 in ((0, 560), (1040, WIDTH)):
        c.rectangle((x0, 60, x1, 840), dark_wood)
        shelf_height = 112
        for row in range(7):
            top = 70 + row * shelf_height
            bottom = top + shelf_height - 14
            x = x0 + 14
            while x < x1 - 20:
                w = rng.uniform(12, 30)
                h = rng.uniform(0.62, 0.92) * (bottom - top)
                color = mix(rng.choice(spines), wall, rng.uniform(0, 0.2))
                if rng.random() < 0.04 and x + w + h * 0.35 < x1 - 24:
                    # A leaning book.
                    c.polygon(
                        [
                            (x, bottom),
                            (x + w, bottom),
                            (x + w + h * 0.35, bottom - h * 0.93),
                            (x + h * 0.35, bottom - h),
                        ],
                        color,
                    )
                    x += w + h * 0.35 + 4
                    continue
                c.rectangle((x, bottom - h, x + w, bottom), color)
                c.line(
                    [(x + 3, bottom - h * 0.8), (x + w - 3, bottom - h * 0.8)],
                    with_alpha((240, 220, 170), 0.45),
                    width=2,
                )
                x += w + rng.uniform(0.5, 2.5)
            c.rectangle((x0, bottom, x1, bottom + 14), wood)
        for post in (x0, x1 - 16):
            c.rectangle((post, 60, post + 16, 840), wood)
        c.rectangle((x0, 46, x1, 70), wood)
    # Pendant globes.
    for x, y in ((320, 230), (1280, 230)):
        c.line([(x, 0), (x, y - 30)], (50, 40, 34), width=2)
        c.glow((x, y), 180, (255, 200, 130), strength=0.5)
        c.circle((x, y), 30, (255, 236, 200))
    # A long reading table with two green-shaded lamps.
    c.polygon([(180, 930), (1420, 930), (1560, 1010), (40, 1010)], (92, 56, 32))
    c.rectangle((40, 1010, 1560, 1034), (62, 36, 20))
    c.rectangle((90, 1034, 126, HEIGHT), (56, 32, 18))
    c.rectangle((1474, 1034, 1510, HEIGHT), (56, 32, 18))
    for x in (500, 1100):
        c.glow((x, 940), 260, (255, 214, 140), strength=0.55)
        c.rectangle((x - 4, 880, x + 4, 960), (180, 150, 80))
        c.ellipse((x - 40, 952, x + 40, 972), (170, 140, 70))
        c.pieslice((x - 80, 850, x + 80, 930), 180, 360, (30, 96, 60))
        c.rectangle((x - 80, 888, x + 80, 894), (40, 120, 76))
        # An open book under each lamp.
        c.polygon([(x - 120, 978), (x - 10, 970), (x - 10, 996), (x - 130, 1000)], (238, 230, 210))
        c.polygon([(x + 120, 978), (x + 10, 970), (x + 10, 996), (x + 130, 1000)], (232, 224, 204))
    return c.finish(vignette=0.4, grain=0.05)


def football() -> Image.Image:
    """A women's football match under floodlights, seen from the stand."""
    c = Canvas(seed=2306)
    rng = c.rng
    c.gradient(
        (0, 0, WIDTH, 360),
        [(0, (16, 26, 58)), (0.7, (38, 70, 112)), (1, (120, 110, 120))],
    )
    # The far stand: a roof, rows of spectators, a wall of advertising boards without text.
    c.rectangle((0, 250, WIDTH, 280), (30, 32, 40))
    c.gradient((0, 280, WIDTH, 450), [(0, (44, 44, 54)), (1, (66, 66, 76))])
    crowd = [
        (200, 40, 44),
        (220, 220, 214),
        (40, 90, 60),
        (60, 70, 110),
        (180, 160, 60),
        (90, 80, 80),
    ]
    for row in range(8):
        y = 296 + row * 19
        x = rng.uniform(0, 10)
        while x < WIDTH:
            color = mix(rng.choice(crowd), (40, 40, 50), 0.4)
            c.circle((x, y), 5.5, color)
            c.circle((x, y - 9), 3.5, (196, 160, 140) if rng.random() < 0.7 else (90, 64, 50))
            x += rng.uniform(10, 16)
    for i in range(16):
        color = ((30, 80, 140), (220, 200, 40), (200, 40, 50), (240, 240, 240))[i % 4]
        c.rectangle((i * 100, 450, i * 100 + 98, 478), mix(color, (0, 0, 0), 0.15))
    # Floodlight masts with their lamps.
    for mx in (150, 1450):
        c.line([(mx, 470), (mx, 90)], (60, 62, 70), width=10)
        c.rectangle((mx - 70, 40, mx + 70, 100), (50, 52, 60))
        for ix in range(4):
            for iy in range(2):
                c.rectangle(
                    (mx - 62 + ix * 32, 48 + iy * 26, mx - 38 + ix * 32, 68 + iy * 26),
                    (255, 255, 240),
                )
        c.glow((mx, 70), 360, (255, 250, 220), strength=0.55, falloff=2.4)
    # The pitch: mowing stripes fanning out towards us.
    top = 478
    vanishing = (800, -900)
    c.rectangle((0, top, WIDTH, HEIGHT), (52, 130, 58))
    for i in range(-14, 15, 2):
        x_top, x_top_next = 800 + i * 80, 800 + (i + 1) * 80

        def at_bottom(x_at_top):
            t = (HEIGHT - vanishing[1]) / (top - vanishing[1])
            return vanishing[0] + (x_at_top - vanishing[0]) * t

        c.polygon(
            [
                (x_top, top),
                (x_top_next, top),
                (at_bottom(x_top_next), HEIGHT),
                (at_bottom(x_top), HEIGHT),
            ],
            (62, 148, 66),
        )
    c.fade((0, top, WIDTH, HEIGHT), (20, 40, 24), [(0, 0.35), (0.5, 0.0), (1, 0.2)])
    line = with_alpha((244, 244, 236), 0.9)
    c.line([(-10, top + 14), (WIDTH + 10, top + 14)], line, width=4)
    c.line([(800, top + 14), (800, HEIGHT)], line, width=4)
    c.draw.ellipse(Canvas._box((560, 640, 1040, 860)), outline=line, width=4 * SUPERSAMPLE)
    c.circle((800, 750), 6, line)
    c.glow((150, 600), 500, (255, 250, 220), strength=0.15)
    c.glow((1450, 600), 500, (255, 250, 220), strength=0.15)
    # Players: green shirts against white, each with a shadow; the ball between them.
    green, white, navy, dark = (28, 120, 70), (240, 240, 236), (28, 36, 70), (20, 60, 36)
    skins = [(232, 190, 160), (200, 150, 116), (140, 96, 70), (222, 180, 150), (110, 74, 56)]
    hairs = [(60, 40, 26), (200, 160, 90), (30, 24, 20), (140, 80, 40), (20, 16, 14)]
    players = [
        (430, 560, 70, green, dark, 1),
        (620, 600, 84, white, navy, -1),
        (1000, 580, 78, white, navy, 1),
        (1180, 640, 96, green, dark, -1),
        (700, 760, 140, green, dark, 1),
        (880, 790, 150, white, navy, -1),
        (300, 900, 190, white, navy, 1),
        (1330, 930, 200, green, dark, -1),
    ]
    for i, (x, base, tall, shirt, shorts, facing) in enumerate(players):
        c.ellipse(
            (x - tall * 0.35, base - tall * 0.04, x + tall * 0.4, base + tall * 0.05),
            with_alpha((10, 30, 14), 0.45),
        )
        _person(
            c,
            x,
            base,
            tall,
            shirt,
            shorts,
            skins[i % len(skins)],
            stride=rng.uniform(0.6, 1.0),
            facing=facing,
            hair=hairs[i % len(hairs)],
        )
    c.ellipse((760, 796, 800, 804), with_alpha((10, 30, 14), 0.45))
    c.circle((786, 790), 11, (248, 248, 244))
    c.circle((789, 788), 3.5, (40, 40, 44))
    return c.finish(vignette=0.4, grain=0.06)


def town_hall() -> Image.Image:
    """A columned assembly building with a copper dome, steps and trees on a bright day."""
    c = Canvas(seed=1208)
    rng = c.rng
    c.gradient((0, 0, WIDTH, 900), [(0, (120, 170, 214)), (1, (222, 234, 240))])
    for cx, cy, s in ((240, 150, 1.0), (1300, 110, 1.3)):
        for dx, dy, r in ((0, 0, 60), (60, -20, 70), (130, 5, 55), (-50, 15, 40)):
            c.ellipse(
                (
                    cx + (dx - r * 1.3) * s,
                    cy + (dy - r * 0.8) * s,
                    cx + (dx + r * 1.3) * s,
                    cy + (dy + r * 0.6) * s,
                ),
                (250, 252, 252),
            )
        c.rectangle(
            (cx - 90 * s, cy + 10 * s, cx + 190 * s, cy + 36 * s), (250, 252, 252), radius=12
        )
    stone, stone_shade, stone_dark = (234, 224, 204), (208, 196, 174), (174, 160, 138)
    copper, copper_dark = (112, 170, 150), (76, 128, 110)
    # Dome on a drum, with a lantern and a flag.
    c.rectangle((660, 240, 940, 380), stone_shade)
    for x in range(680, 930, 40):
        c.rectangle((x, 262, x + 18, 350), (90, 104, 120), radius=8)
    c.pieslice((640, 100, 960, 380), 180, 360, copper)
    c.pieslice((800, 100, 960, 380), 270, 360, copper_dark)
    c.rectangle((630, 232, 970, 246), stone)
    c.rectangle((780, 70, 820, 112), stone)
    c.pieslice((776, 46, 824, 94), 180, 360, copper)
    c.line([(800, 50), (800, 8)], (80, 80, 86), width=3)
    c.rectangle((802, 10, 850, 40), (0, 84, 156))
    c.rectangle((802, 22, 850, 28), (250, 204, 0))
    c.rectangle((817, 10, 823, 40), (250, 204, 0))
    # Main body and wings with tall windows.
    c.rectangle((250, 420, 1350, 830), stone)
    c.rectangle((250, 400, 1350, 430), stone_shade)
    c.rectangle((250, 820, 1350, 840), stone_dark)
    for row_top in (470, 640):
        for x in list(range(290, 560, 68)) + list(range(1060, 1330, 68)):
            c.rectangle((x, row_top, x + 36, row_top + 110), (244, 240, 230))
            c.rectangle((x + 5, row_top + 5, x + 31, row_top + 105), (74, 92, 112))
            c.line([(x + 18, row_top + 5), (x + 18, row_top + 105)], (244, 240, 230), width=2)
            c.line([(x + 5, row_top + 45), (x + 31, row_top + 45)], (244, 240, 230), width=2)
            c.rectangle((x - 4, row_top - 12, x + 40, row_top - 4), stone_shade)
    # Portico: pediment, six columns and a shadowed entrance behind them.
    c.rectangle((560, 430, 1040, 830), (150, 138, 120))
    c.rectangle((700, 640, 900, 830), (70, 60, 52))
    c.pieslice((700, 580, 900, 700), 180, 360, (70, 60, 52))
    c.polygon([(530, 430), (800, 300), (1070, 430)], stone)
    c.polygon([(580, 418), (800, 318), (1020, 418)], stone_shade)
    c.rectangle((530, 418, 1070, 450), stone)
    for i in range(6):
        x = 585 + i * 86
        c.rectangle((x, 450, x + 44, 812), (246, 240, 228))
        c.rectangle((x + 28, 450, x + 44, 812), stone_shade)
        c.rectangle((x - 8, 450, x + 52, 466), stone)
        c.rectangle((x - 8, 800, x + 52, 816), stone)
        for f in (10, 20):
            c.line([(x + f, 470), (x + f, 796)], with_alpha(stone_dark, 0.5), width=2)
    # Steps and the square in front.
    for k in range(6):
        inset = 20 * (5 - k)
        c.rectangle(
            (520 - 90 + inset, 830 + k * 14, 1080 + 90 - inset, 844 + k * 14),
            stone if k % 2 == 0 else stone_shade,
        )
    c.gradient((0, 914, WIDTH, HEIGHT), [(0, (196, 190, 180)), (1, (168, 160, 150))])
    c.rectangle((0, 840, 430, 914), (118, 160, 84))
    c.rectangle((1170, 840, WIDTH, 914), (118, 160, 84))
    for i in range(-12, 13):
        c.line(
            [(800 + i * 60, 914), (800 + i * 170, HEIGHT)],
            with_alpha((130, 122, 112), 0.5),
            width=2,
        )
    for y in (950, 1000, 1055):
        c.line([(0, y), (WIDTH, y)], with_alpha((130, 122, 112), 0.5), width=2)
    # Lime trees either side.
    for tx in (90, 210, 1390, 1510):
        c.rectangle((tx - 10, 700, tx + 10, 900), (84, 64, 48))
        for _ in range(24):
            x = tx + rng.uniform(-80, 80)
            y = rng.uniform(520, 760)
            c.circle((x, y), rng.uniform(36, 60), mix((56, 110, 52), (126, 170, 76), rng.random()))
    # People on the square for scale.
    for px, tall, coat in (
        (600, 70, (60, 70, 110)),
        (640, 66, (170, 60, 50)),
        (1130, 74, (40, 40, 44)),
        (1180, 64, (200, 160, 60)),
    ):
        base = 1000 if px < 800 else 990
        c.capsule((px, base - tall * 0.72), (px, base - tall * 0.3), tall * 0.12, coat)
        c.line([(px - 4, base - tall * 0.3), (px - 5, base)], (40, 40, 46), width=5)
        c.line([(px + 4, base - tall * 0.3), (px + 5, base)], (40, 40, 46), width=5)
        c.circle((px, base - tall * 0.9), tall * 0.09, (220, 180, 150))
    return c.finish(vignette=0.2, grain=0.02)


DRAWINGS = {
    "summit": summit,
    "harbour": harbour,
    "forest": forest,
    "skyline": skyline,
    "wind-farm": wind_farm,
    "library": library,
    "football": football,
    "town-hall": town_hall,
}


def jpeg_bytes(name: str) -> bytes:
    """One demo picture, drawn and encoded as a high-quality JPEG."""
    buffer = io.BytesIO()
    DRAWINGS[name]().save(buffer, format="JPEG", quality=90, optimize=True, subsampling=0)
    return buffer.getvalue()
