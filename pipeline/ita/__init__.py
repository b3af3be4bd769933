"""The ITA room: what an ITA document says, recognised in its document model (pages, blocks,
tables, cells) and checked by the ITA arithmetic. It knows no files and no runs: a document in,
a `Reading` out (reading.py).

- recognition: the lines (lines.py), metadata.py, number_roles.py, subjects.py, the scores of
  prose (scores.py) and of tables (score_tables.py, table_views.py), measures.py, findings.py,
  gathered by content.py; accounting.py, the numbers no reader took;
- verification/: plausibility, OCR confirmation, the arithmetic, grades and the overall score;
- framework.py: the ITA facts (tools, indicators, items, years), read from knowledge/, the CSV
  tables behind one accessor; warnings.py: what the room says about a document.
"""
