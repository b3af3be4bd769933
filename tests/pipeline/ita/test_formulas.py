"""The overall score worked out by its formula (pipeline/ita/formulas.py): the tools' scores, their
points and the overall, in the forms analyses print it; nothing where a step does not fit."""

import pytest

from tests.pipeline.helpers import extract, scores_of

_TITLE = ("รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. 2566\n"
          "องค์การบริหารส่วนตำบลหนองบัว อำเภอหนองบัว จังหวัดนครสวรรค์\n\n")


@pytest.mark.parametrize("formula", [
    # a probe's form, each step on its own line
    "คะแนน ITA = (IIT × 0.30) + (EIT × 0.30) + (OIT × 0.40)\n"
    "= (91.45 × 0.30) + (88.32 × 0.30) + (96.50 × 0.40)\n= 27.44 + 26.50 + 38.60\n= 92.53 คะแนน\n",
    # as a PDF or OCR joins the steps
    "คะแนน ITA = (IIT x 0.30) + (EIT x 0.30) + (OIT x 0.40) = (91.45 x 0.30) + (88.32 x 0.30) "
    "+ (96.50 x 0.40) = 27.44 + 26.50 + 38.60\n= 92.53 คะแนน\n",
    # weights first, as percentages, without the points
    "คะแนนรวม = 0.3(IIT) + 0.3(EIT) + 0.4(OIT)\n= 0.3(91.45) + 0.3(88.32) + 0.4(96.50)\n= 92.53\n",
    "ผลคะแนน = (IIT × 30%) + (EIT × 30%) + (OIT × 40%)\n"
    "= (91.45 × 30%) + (88.32 × 30%) + (96.50 × 40%)\n= 92.53\n",
], ids=["lines", "joined", "weights-first", "percentages"])
def test_a_formula_worked_out_gives_the_tools_and_the_overall(formula: str) -> None:
    rows = extract(_TITLE + formula)
    assert scores_of(rows, "tool") == {"IIT": 91.45, "EIT": 88.32, "OIT": 96.5}
    assert rows["scores"][rows["scores"]["level"] == "overall"]["score"].tolist() == [92.53]
    assert set(rows["scores"]["verification"]) == {"verified"}
    assert rows["unread"].empty


def test_a_step_whose_weights_do_not_fit_the_tools_is_left_unread() -> None:
    """The values' weights in another order than the tools' (0.40 first): no tool is given a
    value; the numbers are listed unread, never read as another tool's."""
    rows = extract(_TITLE + "คะแนน ITA = (IIT × 0.30) + (EIT × 0.30) + (OIT × 0.40)\n"
                   "= (96.50 × 0.40) + (91.45 × 0.30) + (88.32 × 0.30)\n")
    assert rows["scores"].empty
    assert sorted(rows["unread"]["number"]) == ["88.32", "91.45", "96.50"]
