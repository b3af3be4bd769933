"""What the ITA room says about a document it read (carried into documents.warnings; their
meanings are in the data dictionary, pipeline/dataset/data/warnings.csv)."""

NOT_ITA_DOCUMENT = "not_ita_document"
IMPLAUSIBLE_YEAR = "implausible_year"  # a year ITA never had stood where the assessment or plan year does

# Scores that cannot be true: not written
SCORE_OUT_OF_RANGE = "score_out_of_range"
IMPLAUSIBLE_SCORE_YEAR = "implausible_score_year"
ITEM_OUT_OF_RANGE = "item_out_of_range"
SCORE_YEAR_AFTER_ASSESSMENT = "score_year_after_assessment"  # written; the assessment year may be misread

# What the arithmetic and the printed grade say
GRADE_MISMATCH = "grade_mismatch"
LISTED_GRADE_MISMATCH = "listed_grade_mismatch"  # of an organisation a results list lists
CONFLICTING_SCORES = "conflicting_scores"
ARITHMETIC_CONFLICT = "arithmetic_conflict"
ARITHMETIC_CONFLICT_OF_RULE = "arithmetic_conflict:<rule>:<year>"  # the form; `rule_conflict` fills it in

# Results lists of many organisations
RESULTS_LIST_TOOLS_UNREAD = "results_list_tools_unread"

# Measures documents
MEASURES_UNREAD = "measures_unread"  # a measures document or report on measures gave no measure

# Numbers read by OCR
OCR_NUMBERS_UNVERIFIED = "ocr_numbers_unverified"
OCR_DIGIT_CORRECTED = "ocr_digit_corrected"
OCR_OVERALL_CONTRADICTED = "ocr_overall_contradicted"

WARNINGS = (NOT_ITA_DOCUMENT, IMPLAUSIBLE_YEAR, SCORE_OUT_OF_RANGE, IMPLAUSIBLE_SCORE_YEAR, ITEM_OUT_OF_RANGE,
            SCORE_YEAR_AFTER_ASSESSMENT, GRADE_MISMATCH, LISTED_GRADE_MISMATCH, CONFLICTING_SCORES,
            ARITHMETIC_CONFLICT, ARITHMETIC_CONFLICT_OF_RULE, RESULTS_LIST_TOOLS_UNREAD,
            OCR_NUMBERS_UNVERIFIED, OCR_DIGIT_CORRECTED, OCR_OVERALL_CONTRADICTED, MEASURES_UNREAD)


def rule_conflict(rule: str, year: int) -> str:
    """The warning naming one failed rule of the arithmetic in one year."""
    return ARITHMETIC_CONFLICT_OF_RULE.replace("<rule>", rule).replace("<year>", str(year))


def failed_rule(warning: str) -> tuple[str, int] | None:
    """(rule, year) of a warning that names a failed rule (`rule_conflict`), else None."""
    head, _, rest = warning.partition(":")
    rule, _, year = rest.partition(":")
    if head != ARITHMETIC_CONFLICT or not rule or not year.isdigit():
        return None
    return (rule, int(year)) if rule_conflict(rule, int(year)) == warning else None


def kind_of(warning: str) -> str:
    """`arithmetic_conflict:tool_mean:2566` → `arithmetic_conflict`."""
    return warning.partition(":")[0]
