"""ita-extract's pipeline, in three rooms and a top floor (docs/architecture.md):

- `ita/`: what an ITA document says, recognised and checked (knows no files and no runs);
- `dataset/`: the contract's tables, their one writer, the output folder, report and exports;
- `batch/`: a run over a raw folder: inputs, cache, workers, limits;
- `cli.py` and `library.py` on top.

Imports run one way: top → batch → dataset → ita → parsers → normalizers.
"""
