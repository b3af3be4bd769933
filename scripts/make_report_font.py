"""Make the report's Thai font: Loma (NECTEC, from fonts-tlwg), cut down to the characters a
report prints (Basic Latin, Latin-1, the Thai block, a few punctuation marks and arrows) and
stored as WOFF2, 19 KB. The report copies it beside its pages, so Thai is drawn on a machine
that has no Thai font (a bare Linux, a server's headless browser).

    .venv/bin/pip install fonttools brotli   # not needed to run the pipeline
    .venv/bin/python scripts/make_report_font.py [--font /usr/share/fonts/truetype/tlwg/Loma.ttf]

Loma is GPL-2+ with the font exception: a document that embeds the font or unaltered portions
of it is not thereby covered by the GPL (pipeline/dataset/data/report-thai.LICENSE). An
OFL font (Noto Sans Thai, Sarabun) can take its place by this script, when one is at hand.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from fontTools import subset

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "pipeline" / "dataset" / "data" / "report-thai.woff2"
UNICODES = "U+0020-007E,U+00A0-00FF,U+0E00-0E7F,U+2013-2014,U+2018-201D,U+2022,U+2026,U+2190-2192,U+2260"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--font", type=Path, default=Path("/usr/share/fonts/truetype/tlwg/Loma.ttf"))
    args = parser.parse_args()
    subset.main([str(args.font), f"--unicodes={UNICODES}", "--flavor=woff2", f"--output-file={OUT}",
                 "--layout-features=kern,mark,mkmk,ccmp,liga,locl", "--no-hinting", "--desubroutinize"])
    print(f"{OUT.relative_to(ROOT)}: {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
