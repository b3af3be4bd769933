import pytest

from ita_extract.normalizers.units import canonical_unit, canonical_units, unit_table


@pytest.mark.parametrize(("printed", "unit"), [
    ("สำนักปลัด", "สำนักปลัด"),
    ("สำนักปลัดเทศบาล", "สำนักปลัด"),
    ("สำนักปลัด อบต.", "สำนักปลัด"),
    ("สำนักปลัดองค์การบริหารส่วนตำบล", "สำนักปลัด"),
    ("สำนักปลัด 5", "สำนักปลัด"),  # a footnote number glued on by the text layer
    ("ส านักปลัด", "ส านักปลัด"),  # unrepaired damage is not guessed into a unit
    ("ทุกกอง", "ทุกส่วนราชการ"),
    ("ทุกส่วนราชการ", "ทุกส่วนราชการ"),
    ("ทุกกอง/สำนัก", "ทุกส่วนราชการ"),
    ("กองคลัง", "กองคลัง"),
    ("ส่วนการคลัง", "กองคลัง"),
    ("กองการศึกษา ศาสนาและวัฒนธรรม", "กองการศึกษา"),
    ("กองสาธารณสุขและสิ่งแวดล้อม", "กองสาธารณสุขและสิ่งแวดล้อม"),
    ("งานนิติการ", "งานนิติการ"),
    ("นิติการ", "งานนิติการ"),
    ("นิติกร", "นิติกร"),  # a role stays a role
    ("เจ้าหน้าที่ประชาสัมพันธ์", "เจ้าหน้าที่ประชาสัมพันธ์"),
    ("ประชาสัมพันธ์", "งานประชาสัมพันธ์"),
    ("ปลัดเทศบาล", "ปลัด"),
    ("ฝ่ายอำนวยการ", "ฝ่ายอำนวยการ"),  # not in the table: kept as printed
    ("สำนัก", "สำนัก"),  # truncated: not guessed
])
def test_canonical_unit(printed: str, unit: str) -> None:
    assert canonical_unit(printed) == unit


def test_canonical_units_keep_order_and_drop_repeats() -> None:
    assert canonical_units(["สำนักปลัดเทศบาล", "กองคลัง", "สำนักปลัด"]) == ["สำนักปลัด", "กองคลัง"]
    assert canonical_units(None) is None
    assert canonical_units([]) == []


def test_every_row_names_a_kind() -> None:
    assert {row["kind"] for row in unit_table()} == {"unit", "role", "all"}
    units = [row["unit"] for row in unit_table()]
    assert len(units) == len(set(units))
