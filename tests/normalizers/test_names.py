from ita_extract.normalizers.names import canonical_province, cut_at_stop_words


def test_canonical_province_from_the_bundled_list() -> None:
    assert canonical_province("ตราด") == "ตราด"
    assert canonical_province("มุกดาหาร ขอประกาศ") == "มุกดาหาร"
    assert canonical_province("กรุงเทพฯ") == "กรุงเทพมหานคร"
    assert canonical_province("ไม่ใช่จังหวัด") is None


def test_name_ends_at_a_stop_word() -> None:
    assert cut_at_stop_words("หนองเสม็ดประจำปี", ["ประจำปี"]) == "หนองเสม็ด"
    assert cut_at_stop_words("นิคมคำสร้อย", ["ประจำปี"]) == "นิคมคำสร้อย"
