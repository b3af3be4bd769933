"""The shapes of the values documents print, each declared once (as PUDL's metadata/patterns.py
declares its fields' shapes): a year, an item code, a digit. Every module that looks for one
takes its shape from here, and the data tables name a shape in braces (`{year}`) instead of
repeating its regular expression (`expand`).

Shapes are written for text whose Thai digits are already Arabic (`thai_digits_to_arabic`),
except where they say they take both.
"""

from __future__ import annotations

from functools import cache

import regex

BE_OFFSET = 543  # Buddhist Era = Common Era + 543

# A printed year: a Buddhist Era year of the 2400s or 2500s, or a Common Era year of the 1900s
# or 2000s (CE + 543 lands in the 2400s–2600s). Anything else is not a year the pipeline trusts.
BE_YEARS = range(2400, 2600)
CE_YEARS = range(1900, 2100)
YEAR_BE = r"(?:24|25)\d\d"
YEAR_CE = r"(?:19|20)\d\d"
YEAR = rf"(?:{YEAR_BE}|{YEAR_CE})"

# One digit, Thai or Arabic: the form codes and page numbers are printed in.
DIGIT = "[0-9๐-๙]"

# An item code: the letter of its tool's questions (i, e, o, printed in either case), a space, a
# hyphen or a dot at most, then the question's number (`i1`, `E๗`, `e ๑๒`, `o10`, `i-1`, `i.2`).
# Its context decides the rest.
CODE_LETTERS = "ieo"
CODE_LETTER = "[" + CODE_LETTERS + CODE_LETTERS.upper() + "]"
ITEM_CODE = rf"{CODE_LETTER}(?:\s|[-.](?={DIGIT}))?{DIGIT}{{1,2}}"

# A score printed with its decimals (`97.53`, `95.4`): the form a bare number must have to be
# taken for a score where no word says it is one.
DECIMAL_SCORE = r"\d{1,3}\.\d{1,2}"

# A multiplication sign as formulas print it (`IIT × 0.30`, `0.3 x EIT`, `91.45 * 0.30`).
TIMES = "[×xX*]"

# What joins the members of a printed list (`6, 7 และ 8`, `IIT หรือ EIT`) and a range's dash
# (`1-5`, `i1 – i6`, `ต.ค. 66 ถึง ก.ย. 67`).
LIST_JOIN = "(?:,|และ|หรือ)"
RANGE_DASH = "(?:-|–|—|จนถึง|ถึง)"
# The word before a question's (an item's) number: ข้อ 12, ข้อที่ 12, ข้อคำถาม 12, ข้อคำถามที่ 12.
QUESTION_WORD = "ข้อ(?:คำถาม)?(?:ที่)?"

# A month's name, full or abbreviated, with the spellings seen in dumps (no dots, spaces): dates,
# timeframes and a plan's month columns are printed with them.
MONTHS: dict[str, int] = {
    "มกราคม": 1, "ม.ค.": 1, "มค": 1,
    "กุมภาพันธ์": 2, "ก.พ.": 2, "กพ": 2,
    "มีนาคม": 3, "มี.ค.": 3, "มีค": 3,
    "เมษายน": 4, "เม.ย.": 4, "เมย": 4,
    "พฤษภาคม": 5, "พ.ค.": 5, "พค": 5,
    "มิถุนายน": 6, "มิ.ย.": 6, "มิย": 6,
    "กรกฎาคม": 7, "ก.ค.": 7, "กค": 7,
    "สิงหาคม": 8, "ส.ค.": 8, "สค": 8,
    "กันยายน": 9, "ก.ย.": 9, "กย": 9,
    "ตุลาคม": 10, "ต.ค.": 10, "ตค": 10,
    "พฤศจิกายน": 11, "พ.ย.": 11, "พย": 11,
    "ธันวาคม": 12, "ธ.ค.": 12, "ธค": 12,
}
MONTH = "|".join(regex.escape(name).replace(r"\.", r"\.?\s*")
                 for name in sorted(MONTHS, key=len, reverse=True))

SHAPES = {"year": YEAR, "year_be": YEAR_BE, "year_ce": YEAR_CE, "digit": DIGIT, "code_letter": CODE_LETTER,
          "item_code": ITEM_CODE, "decimal_score": DECIMAL_SCORE, "times": TIMES,
          "month": MONTH, "list_join": LIST_JOIN, "range_dash": RANGE_DASH,
          "question_word": QUESTION_WORD}
_NAMED = regex.compile(r"\{([a-z][a-z_]*)\}")


def expand(pattern: str) -> str:
    """`pattern` with every `{shape}` replaced by that shape (as a group that captures nothing);
    an unknown name fails loudly. Quantifiers such as `{0,60}` and `\\p{Thai}` are left alone."""
    def shape(match: regex.Match) -> str:
        name = match.group(1)
        if name not in SHAPES:
            raise ValueError(f"no shape named {{{name}}} in normalizers/patterns.py "
                             f"(known: {sorted(SHAPES)})")
        return f"(?:{SHAPES[name]})"
    return _NAMED.sub(shape, pattern)


@cache
def compiled(pattern: str) -> regex.Pattern:
    """`pattern`, its shapes expanded, compiled once."""
    return regex.compile(expand(pattern))
