"""Reading the fonts a matplotlib PDF embeds, for the tests of the figure files."""
from __future__ import annotations

import io
import re

from fontTools.ttLib import TTFont


def pdf_letters(pdf: bytes) -> list[dict[str, str]]:
    """For each DejaVu Sans font a matplotlib PDF embeds: each letter it draws -> the name of the glyph drawn.

    A letter's code in the page's text (ToUnicode CMap) gives the glyph id (CIDToGIDMap), which
    names the glyph in the embedded font file (FontFile2).
    """
    import zlib

    objects = {int(m.group(1)): m.group(2) for m in re.finditer(rb"(\d+) 0 obj\n(.*?)endobj", pdf, re.S)}

    def stream(number: int) -> bytes:
        body = objects[number]
        data = body[body.index(b"stream\n") + 7:body.rindex(b"endstream")]
        return zlib.decompress(data) if b"/FlateDecode" in body[:body.index(b"stream\n")] else data

    out = []
    for body in objects.values():
        cid = re.search(rb"/DescendantFonts \[ ?(\d+) 0 R", body)
        if not cid:
            continue
        unicode = stream(int(re.search(rb"/ToUnicode (\d+) 0 R", body).group(1))).decode("ascii")
        descendant = objects[int(cid.group(1))]
        cid_to_gid = stream(int(re.search(rb"/CIDToGIDMap (\d+) 0 R", descendant).group(1)))
        descriptor = objects[int(re.search(rb"/FontDescriptor (\d+) 0 R", descendant).group(1))]
        if not re.search(rb"/FontName /\w+\+DejaVuSans\b", descriptor):
            continue
        font = TTFont(io.BytesIO(stream(int(re.search(rb"/FontFile2 (\d+) 0 R", descriptor).group(1)))))
        order, letters = font.getGlyphOrder(), {}
        for first, values in re.findall(r"<([0-9a-f]+)> <[0-9a-f]+> \[((?:<[0-9a-f]+> ?)+)\]", unicode):
            for i, value in enumerate(re.findall(r"<([0-9a-f]+)>", values)):
                code = int(first, 16) + i
                letters[chr(int(value, 16))] = order[int.from_bytes(cid_to_gid[2 * code:2 * code + 2], "big")]
        out.append(letters)
    return out
