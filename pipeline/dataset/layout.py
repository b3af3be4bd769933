"""The names in the output folder a run writes (the rest of its layout is dataset.store's): apart
from the store, which loads the schema and pyarrow, so that the command line can name them in its
help and messages without loading either."""

MANIFEST = "manifest.json"
REPORT = "report.html"
REPORT_PAGES = "report"  # beside report.html: a page per organisation, loaded when opened
RUNS, CURRENT = "runs", "current"
DEFAULT_KEEP_RUNS = 2  # the current run and the one before it, which readers may still be in
