"""The pack's colours: the Okabe–Ito palette, one colour per status, and one colour per unit.

A unit keeps its colour in every figure of the pack, whatever the order a figure draws the
units in: Lào Cai is blue in the comparison bars, the DTI history and its trends alike. A
province and the province it became on 1 July 2025 share a colour (Lào Cai and Lào Cai
(2025), Quảng Bình and Quảng Trị (2025), Thái Nguyên and Thái Nguyên (2025)); the nation is a
neutral dark grey. Any other unit (a district, a commune, a province outside the study) gets
one of the remaining Okabe–Ito colours, chosen from its id alone, so it too keeps its colour.

>>> unit_colour("lao-cai") == unit_colour("lao-cai-2025") == OKABE_ITO["blue"]
True
>>> unit_colours(["thai-nguyen", "lao-cai"]) == unit_colours(["lao-cai", "thai-nguyen"])
True
"""
from __future__ import annotations

import zlib
from collections.abc import Iterable

__all__ = ["OKABE_ITO", "PALETTE", "NATION", "GREY", "LIGHT_GREY", "TRACK", "STATUS_COLOURS", "UNIT_COLOURS",
           "TEXT_CONTRAST", "unit_colour", "unit_colours", "contrast", "text_colour"]

#: The Okabe–Ito colours, distinguishable with the common colour-vision deficiencies.
OKABE_ITO = {"blue": "#0072B2", "orange": "#E69F00", "bluish_green": "#009E73", "vermillion": "#D55E00",
             "sky_blue": "#56B4E9", "reddish_purple": "#CC79A7", "yellow": "#F0E442", "black": "#000000"}
#: Colour cycle for anything that is not a unit (yellow late: it is faint on white).
PALETTE = tuple(OKABE_ITO.values())
#: The nation: a neutral dark grey, never mistaken for a province.
NATION = "#3C3C3C"
GREY, LIGHT_GREY, TRACK = "#595959", "#BDBDBD", "#EFEFEF"

#: One colour per status (best to worst, then the ones that cannot be assessed). Always drawn
#: with the status's words beside it.
STATUS_COLOURS = {
    "met": OKABE_ITO["blue"], "on_track": OKABE_ITO["bluish_green"], "acceleration_needed": OKABE_ITO["yellow"],
    "limited_progress": OKABE_ITO["orange"], "deterioration": OKABE_ITO["vermillion"],
    "insufficient_data": "#BDBDBD", "not_comparable": "#8C8C8C", "no_data": "#F4F4F4",
}

#: The study's provinces, what they became on 1 July 2025, and the nation: fixed colours.
UNIT_COLOURS = {
    "vietnam": NATION,
    "lao-cai": OKABE_ITO["blue"], "lao-cai-2025": OKABE_ITO["blue"],
    "quang-binh": OKABE_ITO["orange"], "quang-tri-2025": OKABE_ITO["orange"],
    "lai-chau": OKABE_ITO["bluish_green"],
    "thai-nguyen": OKABE_ITO["vermillion"], "thai-nguyen-2025": OKABE_ITO["vermillion"],
}
#: The contrast with white a unit's words keep (WCAG 2's 4.5:1 for text of normal size).
TEXT_CONTRAST = 4.5
#: What is left for every other unit (yellow last: it is faint on white).
_OTHERS = (OKABE_ITO["sky_blue"], OKABE_ITO["reddish_purple"], OKABE_ITO["yellow"])


def unit_colour(unit: str) -> str:
    """The colour of ``unit`` in every figure: fixed for the study's provinces, else chosen from the id.

    The choice for other units hashes the id (CRC-32), so it is the same in every process.
    """
    if unit in UNIT_COLOURS:
        return UNIT_COLOURS[unit]
    return _OTHERS[zlib.crc32(str(unit).encode("utf-8")) % len(_OTHERS)]


def unit_colours(units: Iterable[str]) -> dict[str, str]:
    """``{unit: colour}`` for the units one figure draws, in the same colours whatever their order.

    Two units outside the fixed set that would share a colour in the same figure are told apart:
    the later of the two in id order takes the next free colour of the remaining ones (the
    order of drawing never matters).
    """
    units = list(dict.fromkeys(units))
    colours = {u: unit_colour(u) for u in units}
    taken = set(colours[u] for u in units if u in UNIT_COLOURS)
    for unit in sorted(u for u in units if u not in UNIT_COLOURS):
        if colours[unit] in taken:
            free = [c for c in _OTHERS if c not in taken]
            colours[unit] = free[0] if free else colours[unit]
        taken.add(colours[unit])
    return colours


def _luminance(colour) -> float:
    """WCAG 2's relative luminance of ``colour`` (any matplotlib colour)."""
    from matplotlib.colors import to_rgb

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c) for c in to_rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(colour, background="white") -> float:
    """WCAG 2's contrast ratio of ``colour`` against ``background`` (1 to 21).

    >>> round(contrast("#000000"), 1), round(contrast(OKABE_ITO["yellow"]), 2)
    (21.0, 1.32)
    """
    light, dark = sorted((_luminance(colour), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_colour(colour, background="white", minimum: float = TEXT_CONTRAST) -> str:
    """``colour`` for words written on ``background``: itself when it is dark enough, else the same hue
    darkened until its contrast reaches ``minimum``.

    A label written beside a line in the line's colour must still be read: Okabe–Ito's orange
    (2.3:1 on white) and yellow (1.3:1) are not, at the 6.5 to 8 pt of the pack's labels. The
    line keeps its colour; its words take a darker shade of it.

    >>> text_colour(OKABE_ITO["blue"]) == OKABE_ITO["blue"]          # 5.1:1 already
    True
    >>> contrast(text_colour(OKABE_ITO["orange"])) >= 4.5
    True
    """
    from matplotlib.colors import rgb_to_hsv, hsv_to_rgb, to_hex, to_rgb

    if contrast(colour, background) >= minimum:
        return colour if isinstance(colour, str) else to_hex(colour)
    h, s, v = rgb_to_hsv(to_rgb(colour))
    for step in range(1, 101):          # value down in steps of 1%: the first shade that reads
        shade = to_hex(hsv_to_rgb((h, s, v * (1 - step / 100))))
        if contrast(shade, background) >= minimum:
            return shade
    return "#000000"
