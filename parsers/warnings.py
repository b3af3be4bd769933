"""What the parsers say about a document they could read, but not as its source meant
(carried into documents.warnings; their meanings are in the data dictionary)."""

# A page whose text layer cannot be used, and why: such a page is read by OCR.
NO_TEXT_LAYER = "no_text_layer"
BROKEN_TEXT_LAYER = "broken_text_layer"
LATIN_TEXT_LAYER = "latin_text_layer"
TEXT_LAYER_NOT_WORDS = "text_layer_not_words"
TEXT_LAYER_OVER_SCAN = "text_layer_over_scan"  # a stamp or e-saraban header over a scanned page
NEEDS_OCR = "needs_ocr"  # a page needed OCR and Tesseract is not installed
PAGE_TOO_LARGE_TO_OCR = "page_too_large_to_ocr"
DECODED_AS_TIS620 = "decoded_as_tis620"  # a text that was not Unicode, read as Thai TIS-620

WARNINGS = (NO_TEXT_LAYER, BROKEN_TEXT_LAYER, LATIN_TEXT_LAYER, TEXT_LAYER_NOT_WORDS, TEXT_LAYER_OVER_SCAN,
            NEEDS_OCR, PAGE_TOO_LARGE_TO_OCR, DECODED_AS_TIS620)
