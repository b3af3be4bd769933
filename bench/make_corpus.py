"""Build a synthetic archive of N ITA documents from the samples, for scale tests.

Text variants of the dev reports (data/raw/*.txt) get another local government's name, a
shifted Buddhist-Era year and nearby scores; the born-digital dev PDFs
(../shared/corpus/dev/*.pdf, when present) are copied with a marker appended after %%EOF, so
each copy has its own bytes and SHA-256. Deterministic: the same N gives the same files.

    python bench/make_corpus.py --n 1000 --out data/corpus
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parents[1]
TEXTS = sorted((ROOT / "data" / "raw").glob("*.txt"))
PDFS = sorted((ROOT.parent / "shared" / "corpus" / "dev").glob("*[0-9a-f].pdf"))
PLACES = {  # the sample's own place name → the part replaced in variants
    "000_872eaddf2db1f446": "หนองเสม็ด", "002_21007bcb3eecaeca": "นิคมคำสร้อย",
    "003_803e91d9ccdb16cf": "เหมืองจี้",
}
HEADS = ["หนอง", "บ้าน", "ดอน", "โคก", "นา", "ท่า", "ห้วย", "บึง", "วัง", "แม่", "ทุ่ง", "โนน"]
TAILS = ["สะแก", "ใหญ่", "ยาง", "แดง", "ทอง", "งาม", "โพธิ์", "ขาม", "บัว", "ไผ่", "จาน", "กุง"]
PDF_EVERY = 10  # one document in ten is a PDF
_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_YEAR = regex.compile(r"(?<![0-9๐-๙])(25[5-7][0-9]|๒๕[๕-๗][๐-๙])(?![0-9๐-๙])")
_SCORE = regex.compile(r"(?<![0-9๐-๙.])([5-9๕-๙][0-9๐-๙])[.]([0-9๐-๙]{2})(?![0-9๐-๙])")


def variant_text(text: str, place: str, rng: random.Random) -> str:
    name = rng.choice(HEADS) + rng.choice(TAILS)
    shift = rng.randint(-2, 2)
    text = text.replace(place, name)
    text = _YEAR.sub(lambda m: _same_digits(m.group(), str(int(m.group().translate(_ARABIC)) + shift)), text)
    new_scores: dict[str, str] = {}

    def score(match: regex.Match) -> str:
        old = match.group().translate(_ARABIC)
        if old not in new_scores:  # the same score printed twice stays the same score
            value = min(99.99, max(50.0, float(old) + rng.uniform(-4, 4)))
            new_scores[old] = f"{value:.2f}"
        return _same_digits(match.group(), new_scores[old])

    return _SCORE.sub(score, text)


def _same_digits(printed: str, value: str) -> str:
    return value.translate(_THAI_DIGITS) if regex.search("[๐-๙]", printed) else value


def build(n: int, out: Path) -> list[Path]:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    written = []
    for i in range(n):
        rng = random.Random(i)
        if PDFS and i % PDF_EVERY == PDF_EVERY - 1:
            source = PDFS[(i // PDF_EVERY) % len(PDFS)]
            path = out / f"{i:05d}_{source.stem}.pdf"
            path.write_bytes(source.read_bytes() + f"\n%ita-corpus variant {i}\n".encode())
        else:
            source = TEXTS[i % len(TEXTS)]
            path = out / f"{i:05d}_{source.stem}.txt"
            text = variant_text(source.read_text("utf-8"), PLACES[source.stem], rng)
            # an official letter number, as agencies print on their documents: no two alike
            path.write_text(f"ที่ {i + 1:05d}/{rng.randint(1, 999)}\n{text}", encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="documents to build (default 1000)")
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "corpus",
                        help="folder to (re)create (default data/corpus)")
    args = parser.parse_args()
    files = build(args.n, args.out)
    pdfs = sum(1 for f in files if f.suffix == ".pdf")
    print(f"{len(files)} documents in {args.out} ({len(files) - pdfs} text, {pdfs} PDF)")


if __name__ == "__main__":
    main()
