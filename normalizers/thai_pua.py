"""Thai glyph variants that fonts place in the Private Use Area, back to standard code points.

Old Windows and Mac Thai fonts draw shifted tone marks and vowels (moved down,
left or down-left) and consonants without descenders as separate glyphs at
PUA code points; PDF text layers often carry those code points. The table is
HarfBuzz's (src/hb-ot-shaper-thai.cc, `thai_pua_shape`: SD, SDL, SL and RD
mappings, Windows and Mac columns), read at commit 30b2565f2de2.
"""

from __future__ import annotations

import re

# (standard, windows PUA, mac PUA)
_MAPPINGS = (
    # SD: shift down
    (0x0E48, 0xF70A, 0xF88B), (0x0E49, 0xF70B, 0xF88E), (0x0E4A, 0xF70C, 0xF891), (0x0E4B, 0xF70D, 0xF894),
    (0x0E4C, 0xF70E, 0xF897), (0x0E38, 0xF718, 0xF89B), (0x0E39, 0xF719, 0xF89C), (0x0E3A, 0xF71A, 0xF89D),
    # SDL: shift down-left
    (0x0E48, 0xF705, 0xF88C), (0x0E49, 0xF706, 0xF88F), (0x0E4A, 0xF707, 0xF892), (0x0E4B, 0xF708, 0xF895),
    (0x0E4C, 0xF709, 0xF898),
    # SL: shift left
    (0x0E48, 0xF713, 0xF88A), (0x0E49, 0xF714, 0xF88D), (0x0E4A, 0xF715, 0xF890), (0x0E4B, 0xF716, 0xF893),
    (0x0E4C, 0xF717, 0xF896), (0x0E31, 0xF710, 0xF884), (0x0E34, 0xF701, 0xF885), (0x0E35, 0xF702, 0xF886),
    (0x0E36, 0xF703, 0xF887), (0x0E37, 0xF704, 0xF888), (0x0E47, 0xF712, 0xF889), (0x0E4D, 0xF711, 0xF899),
    # RD: remove descender
    (0x0E0D, 0xF70F, 0xF89A), (0x0E10, 0xF700, 0xF89E),
)

PUA_TO_THAI = str.maketrans({chr(pua): chr(std) for std, win, mac in _MAPPINGS for pua in (win, mac)})


_PUA_RANGE = re.compile("[\uf700-\uf89e]")  # every key of PUA_TO_THAI is in it


def map_thai_pua(text: str) -> str:
    """Every Thai PUA glyph code replaced by the standard character it draws."""
    # str.translate looks each character up in a dict; most text has no PUA code to look for
    return text.translate(PUA_TO_THAI) if _PUA_RANGE.search(text) else text
