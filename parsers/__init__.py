"""Parsers turn input bytes into the document model of `parsers.model`: `registry.parse_file`
chooses the parser by the bytes' format. This package's own import loads nothing, so a process
that only needs a light module of it (formats, tesseract) does not load pdfium, numpy and scipy."""
