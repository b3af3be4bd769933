"""Imported once by the worker server (multiprocessing's forkserver) before it forks workers:
the dictionary, the tokenizer's trie, the data tables and the glyph templates of the second
reading of OCR'd numbers are loaded here, once, so every worker starts warm instead of spending
a second on its first document. The script the run was started from is imported here too
(see batch.server.main_script_for_server).

Warm means more than imported: every worker is a fork of this process (a new one at the start,
after a time-out or a crash, and every 200 documents), so whatever the extraction compiles or
caches on first use (the regular expressions of the knowledge tables, the number roles, the
table views) would otherwise be redone by each. A whole ITA document read here as text
(data/warm_up.txt, a copy of dev document 002: scores, items and measures in tables and prose)
does it once: 17 born-digital PDFs, each in a fork, 0.69 s → 0.43 s. A text, not a PDF, so
pdfium's font state in the server stays untouched (workers also make it fresh per document)."""

from pathlib import Path

from ita_extract.normalizers import gazetteer
from ita_extract.parsers.glyph_numbers import warm_up
from ita_extract.parsers.text import parse_text
from ita_extract.pipeline.batch.server import import_main_script
from ita_extract.pipeline.batch.unit import process_document

WARM_UP = Path(__file__).parent / "data" / "warm_up.txt"

process_document(parse_text(WARM_UP.read_text("utf-8")), "0" * 64)
warm_up()
gazetteer.warm_up()
import_main_script()
