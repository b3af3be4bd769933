"""`make accuracy` as a test: not one wrong score row on the dev documents (text and PDF), the
layout variants and the results lists (text and PDF); every printed score found."""

from tests.accuracy import Tally, dev_cases, measure, results_cases, variant_cases


def test_precision_is_100_percent_and_nothing_printed_is_missed() -> None:
    tallies = measure([*dev_cases(scans=False), *variant_cases(), *results_cases(scans=False)])
    wrong = {key: t for key, t in tallies.items() if t.correct != t.given}
    missed = {key: t for key, t in tallies.items() if t.correct != t.expected}
    assert not wrong, wrong
    assert not missed, missed
    assert sum(t.given for t in tallies.values()) > 1300
    # Every number accounted for: none unread but where a variant prints a form no reader takes.
    assert not {case: found for case, found in tallies.unread.items()
                if len(found) != tallies.expected_unread[case]}
    assert len(tallies.unread) > 90
    # Every altered twin blames its altered value (which others it blames is the variants' spec).
    assert len(tallies.blame) >= 40 and all(found for _, found in tallies.blame.values())


def test_a_wrong_row_counts_against_precision() -> None:
    tally = Tally(expected=2, given=3, correct=2)
    assert (tally.precision, tally.recall) == (2 / 3, 1.0)
