"""Imported once by the worker server (multiprocessing's forkserver) before it forks workers:
the dictionary, the tokenizer's trie, the data tables and the glyph templates of the second
reading of OCR'd numbers are loaded here, once, so every worker starts warm instead of spending
a second on its first document. The script the run was started from is imported here too
(see batch.workers.main_script_for_server)."""

from ita_extract.normalizers import gazetteer
from ita_extract.parsers.glyph_numbers import warm_up
from ita_extract.parsers.text import parse_text
from ita_extract.pipeline.batch.unit import process_document
from ita_extract.pipeline.batch.workers import import_main_script

process_document(parse_text("รายงานผลการประเมินคุณธรรมและความโปร่งใส (ITA) ประจำปี ๒๕๖๖\n"
                            "เทศบาลตำบลตัวอย่าง ได้คะแนน ๙๕.๗๕\n"), "0" * 64)
warm_up()
gazetteer.warm_up()
import_main_script()
