"""A raw folder as an attacker or a careless scraper would leave it (issue 11), beside good
files: seeded mutants of the dev PDFs and one file of each hostile case, each with the fate
it must meet (a document, an errors row, or a skipped entry in the manifest).

Used by tests/pipeline/test_fuzz.py; `python -m tests.hostile DIR` builds one to try by hand.
"""

from __future__ import annotations

import os
import random
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ita_extract.pipeline.batch.inputs import source_path

ROOT = Path(__file__).resolve().parents[1]
DEV_PDFS = sorted((ROOT / "tests" / "fixtures" / "dev").glob("*.pdf"))
DEV_TEXTS = sorted((ROOT / "data" / "raw").glob("*.txt"))
SECRET = "ความลับนอกโฟลเดอร์ ITA canary 5f3a"  # text that must never reach pages.parquet

DOCUMENT, ERROR, SKIPPED, EITHER = "document", "error", "skipped", "document or error"


@dataclass
class Hostile:
    raw: Path
    outside: Path  # files beside the raw folder that nothing may read
    fates: dict[str, str] = field(default_factory=dict)  # source_path → its expected fate
    good: list[str] = field(default_factory=list)  # the good files, extracted as if alone

    @property
    def canary_fifo(self) -> Path:
        return self.outside / "canary.fifo"


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One seeded damage of a PDF's bytes: flipped bits, a cut, a hole, a repeat, or noise."""
    kind = rng.choice(["flip", "flip", "truncate", "hole", "repeat", "noise"])
    damaged = bytearray(data)
    if kind == "flip":
        for _ in range(rng.randint(1, 64)):
            damaged[rng.randrange(len(damaged))] ^= 1 << rng.randrange(8)
    elif kind == "truncate":
        del damaged[rng.randrange(16, len(damaged)):]
    elif kind == "hole":
        start = rng.randrange(len(damaged))
        del damaged[start:start + rng.randint(1, 4096)]
    elif kind == "repeat":
        start = rng.randrange(len(damaged))
        chunk = damaged[start:start + rng.randint(1, 4096)]
        damaged[start:start] = chunk * rng.randint(2, 50)
    else:
        start = rng.randrange(len(damaged))
        damaged[start:start + 512] = rng.randbytes(512)
    return bytes(damaged)


def mutant_pdfs(count: int = 50, seed: int = 11) -> list[bytes]:
    """`count` seeded mutants of the dev PDFs, taken in turn."""
    rng = random.Random(seed)
    return [mutate(DEV_PDFS[n % len(DEV_PDFS)].read_bytes(), rng) for n in range(count)]


def build(folder: Path, mutants: int = 50, seed: int = 11) -> Hostile:
    """The hostile raw folder `folder/raw`, with what lies outside it in `folder/outside`."""
    raw, outside = folder / "raw", folder / "outside"
    raw.mkdir(parents=True)
    outside.mkdir()
    hostile = Hostile(raw, outside)
    for source in [*DEV_TEXTS, *DEV_PDFS]:
        shutil.copy(source, raw / source.name)
        hostile.fates[source.name] = DOCUMENT
        hostile.good.append(source.name)
    for n, data in enumerate(mutant_pdfs(mutants, seed)):
        name = f"mutant-{n:02d}.pdf"
        (raw / name).write_bytes(data)
        hostile.fates[name] = EITHER
    _bombs(hostile)
    _hangs_and_links(hostile)
    _broken_files(hostile)
    return hostile


def _bombs(hostile: Hostile) -> None:
    raw = hostile.raw
    (raw / "bomb-poster.pdf").write_bytes(poster_pdf())
    hostile.fates["bomb-poster.pdf"] = DOCUMENT  # not rendered at 300 dpi: a warning
    (raw / "bomb-spans.html").write_text(
        '<table><tr><td rowspan="100000" colspan="100000">x</td></tr></table>', "utf-8")
    hostile.fates["bomb-spans.html"] = DOCUMENT  # laid out at its real size
    line = "ผลการประเมิน ITA ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่ ได้คะแนน ๙๗.๔๔ คะแนน\n"
    (raw / "bomb-50mb.txt").write_text(line * (50 * 2**20 // len(line.encode())), "utf-8")
    hostile.fates["bomb-50mb.txt"] = ERROR  # InputTooLarge, unread


def _hangs_and_links(hostile: Hostile) -> None:
    raw, outside = hostile.raw, hostile.outside
    os.mkfifo(raw / "a.txt")
    hostile.fates["a.txt"] = SKIPPED
    (raw / "z.pdf").symlink_to("/dev/zero")
    hostile.fates["z.pdf"] = SKIPPED
    (outside / "secret.txt").write_text(SECRET, "utf-8")
    (raw / "x.txt").symlink_to(outside / "secret.txt")
    hostile.fates["x.txt"] = SKIPPED
    (raw / "passwd.txt").symlink_to("/etc/passwd")
    hostile.fates["passwd.txt"] = SKIPPED
    (raw / "elsewhere").symlink_to(outside, target_is_directory=True)
    hostile.fates["elsewhere"] = SKIPPED
    os.mkfifo(hostile.canary_fifo)
    (raw / "canary.txt").symlink_to(hostile.canary_fifo)
    hostile.fates["canary.txt"] = SKIPPED
    cp874 = "ผลการประเมิน".encode("cp874") + b".txt"  # a Windows share's Thai file name
    (raw / "sub").mkdir()
    path = os.path.join(os.fsencode(raw / "sub"), cp874)
    with open(path, "wb") as handle:
        handle.write(DEV_TEXTS[0].read_bytes() + "\nสำเนาจากเครื่องเก่า\n".encode())
    hostile.fates[source_path(os.fsdecode(path), raw)] = DOCUMENT  # printed with \\xNN escapes


def _broken_files(hostile: Hostile) -> None:
    raw = hostile.raw
    cases = {
        "empty.pdf": b"",
        "blank.txt": b" \n\t\n",
        "not-a-pdf.pdf": b"<html>404 Not Found</html>",
        "header-only.pdf": b"%PDF-1.7\n%%EOF\n",
        "binary.txt": bytes(range(256)) * 64,
    }
    for name, data in cases.items():
        (raw / name).write_bytes(data)
        hostile.fates[name] = ERROR
    (raw / "encrypted.pdf").write_bytes(encrypted_pdf(DEV_PDFS[0]))
    hostile.fates["encrypted.pdf"] = ERROR


def poster_pdf() -> bytes:
    """A one-page PDF of 200 × 200 inches holding one image: 3.6 Gpx at 300 dpi."""
    import io

    import pypdfium2 as pdfium
    from PIL import Image

    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(14400, 14400)
    image = pdfium.PdfImage.new(pdf)
    image.set_bitmap(pdfium.PdfBitmap.from_pil(Image.new("L", (20, 20), 128)))
    image.set_matrix(pdfium.PdfMatrix().scale(14400, 14400))
    page.insert_obj(image)
    page.gen_content()
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def encrypted_pdf(source: Path) -> bytes:
    """`source` encrypted with a user password nobody gave us."""
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password="secret", owner_password="owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


if __name__ == "__main__":
    built = build(Path(sys.argv[1]))
    print(f"{len(built.fates)} entries in {built.raw}")
