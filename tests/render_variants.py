"""Render the layout variants and the results lists that ../shared/tools/render_corpus.py can
print (markdown and tab rows; it has no HTML tables) into Word-made PDFs (and those marked
`scanned`, results lists and item tables, into image-only scans as well), the way the dev PDFs
were made, into tests/variants_pdf/, with manifest.json recording the SHA-256 of the text each
PDF was made from.

Needs LibreOffice (soffice), python-docx and a Thai font (Debian: libreoffice-writer-nogui,
fonts-thai-tlwg; Kinnari, because LibreOffice puts the tone marks of Laksaman, Loma and Norasi
out of place in the text layer): `make variants`. The PDFs are committed, so the tests need
none of these; test_variant_pdfs.py fails when a PDF is older than its text.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.results_list_variants import ResultsVariant, results_variants
from tests.variants import Variant, variants

OUT = Path(__file__).parent / "variants_pdf"
RENDER = Path(__file__).resolve().parents[2] / "shared" / "tools" / "render_corpus.py"
FONT = "Kinnari"


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def main() -> None:
    OUT.mkdir(exist_ok=True)
    manifest_path = OUT / "manifest.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    every: list[Variant | ResultsVariant] = [*variants(), *results_variants()]
    wanted = {v.name: v for v in every if v.renderable}
    scanned = {v.name for v in every if v.renderable and v.scanned}
    with tempfile.TemporaryDirectory() as tmp:
        todo: dict[bool, list[str]] = {False: [], True: []}  # by whether a scan is made too
        for name, variant in wanted.items():
            made = [OUT / f"{name}.pdf", *([OUT / f"{name}.scan.pdf"] if name in scanned else [])]
            if manifest.get(name) == text_sha256(variant.text) and all(p.exists() for p in made):
                continue
            source = Path(tmp) / f"{name}.txt"  # render_corpus reads any text; the stem names the PDF
            source.write_text(variant.text, "utf-8")
            todo[name in scanned].append(str(source))
        for scan, sources in todo.items():
            if sources:
                subprocess.run([sys.executable, str(RENDER), str(OUT), *sources, "--font", FONT,
                                *([] if scan else ["--no-scan"])], check=True)
    for stale in OUT.glob("*.pdf"):
        name = stale.name.removesuffix(".pdf").removesuffix(".scan")
        if name not in wanted or (stale.name.endswith(".scan.pdf") and name not in scanned):
            stale.unlink()
    manifest = {name: text_sha256(v.text) for name, v in sorted(wanted.items())}
    manifest_path.write_text(json.dumps(manifest, indent=1) + "\n")
    print(f"{sum(map(len, todo.values()))} rendered, {len(wanted)} in {OUT}")


if __name__ == "__main__":
    main()
