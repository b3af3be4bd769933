"""The tables made at the end of a run: editions recognised by content, organisations merged
across documents, and the panel's value, status and evidence."""

from ita_extract.pipeline.dataset.derived import Signatures, editions, organisations, panel


def _doc(doc_id: str, org: str | None = "org-a", doc_type: str = "analysis", year: int = 2566,
         plan: int | None = None) -> dict:
    return {"doc_id": doc_id, "org_id": org, "doc_type": doc_type, "assessment_year_be": year,
            "plan_year_be": plan}


def _score(doc_id: str, score: float, year: int = 2566, level: str = "overall", indicator: int | None = None,
           verification: str = "unverified", page: int | None = None, org: str | None = "org-a") -> dict:
    return {"doc_id": doc_id, "org_id": org, "score_year_be": year, "level": level, "tool": None,
            "tool_part": None, "indicator": indicator, "sub_indicator": None, "item_code": None,
            "score": score, "verification": verification, "page": page}


def _signatures(printed: dict[str, set]) -> Signatures:
    signatures = Signatures()
    for doc_id, tokens in printed.items():
        signatures.of[doc_id] = set(tokens)
    return signatures


def test_files_printing_mostly_the_same_are_one_edition_never_by_name() -> None:
    scores = {("score", 2566, "indicator", None, n, None, None, None, 60.0 + n) for n in (1, 4, 9)}
    same = {("score", 2566, "overall", None, None, None, None, None, 50.02), ("measure", "จัดทำคู่มือ"), *scores}
    # read by OCR: one value misread (56.02), one more measure found
    ocr = {("score", 2566, "overall", None, None, None, None, None, 56.02), ("measure", "จัดทำคู่มือ"),
           ("measure", "ประชาสัมพันธ์"), *scores}
    other = {("score", 2566, "overall", None, None, None, None, None, 81.0), ("measure", "อบรม")}
    docs = [_doc("b"), _doc("a"), _doc("c"), _doc("d", doc_type="measures"), _doc("e", org=None)]
    found = editions(docs, _signatures({"a": same, "b": same, "c": other, "d": same}))
    assert found["a"] == found["b"] == "ed-a"  # text and PDF of one report
    assert found["c"] == "ed-c"  # the same organisation and year, another document
    assert found["d"] == "ed-d"  # another type of document
    assert found["e"] == "ed-e"  # no organisation: an edition of its own
    assert editions([_doc("a"), _doc("b")], _signatures({"a": same, "b": ocr}))["b"] == "ed-a"  # mostly alike


def test_organisations_merge_every_documents_view_and_count_editions() -> None:
    seen: list[dict] = [
            {"org_id": "org-a", "org_name": "เทศบาลตำบลหนองเสม็ด", "org_type": "เทศบาลตำบล", "district": None,
             "province": "ตราด", "name_variants": ["ทต.หนองเสม็ด"], "n_documents": 1},
            {"org_id": "org-a", "org_name": "เทศบาลตำบลหนองเสม็ด", "org_type": "เทศบาลตำบล",
             "district": "เมืองตราด", "province": "ตราด", "name_variants": ["เทศบาลตำบลหนอง เสม็ด"],
             "n_documents": 1}]
    docs = [_doc("a"), _doc("b"), _doc("c", doc_type="measures")]
    (row,) = organisations(seen, docs, {"a": "ed-a", "b": "ed-a", "c": "ed-c"})
    assert row["name_variants"] == ["ทต.หนองเสม็ด", "เทศบาลตำบลหนอง เสม็ด"]
    assert (row["district"], row["province"], row["n_documents"]) == ("เมืองตราด", "ตราด", 2)


def test_statuses_and_the_value_with_the_best_evidence() -> None:
    docs = [_doc("a"), _doc("b"), _doc("c", year=2567), _doc("d", doc_type="measures")]
    edition_of = {"a": "ed-a", "b": "ed-a", "c": "ed-c", "d": "ed-d"}
    scores = [
        _score("a", 50.02), _score("b", 50.02), _score("d", 50.02),  # two editions alike: agreed
        _score("a", 67.16, level="indicator", indicator=4, verification="verified"),
        _score("c", 64.16, level="indicator", indicator=4),  # recalled by a later year's document
        _score("a", 11.17, level="indicator", indicator=10),
        _score("b", 11.17, level="indicator", indicator=10),
        _score("c", 71.25, year=2567),
    ]
    rows = {(r["score_year_be"], r["level"], r["indicator"]): r
            for r in panel(scores, docs, set(), edition_of)}
    agreed = rows[(2566, "overall", None)]
    assert (agreed["status"], agreed["n_documents"], agreed["values"]) == ("agreed", 2, [50.02])
    conflict = rows[(2566, "indicator", 4)]
    assert (conflict["status"], conflict["score"], conflict["values"]) == ("conflict", 67.16, [64.16, 67.16])
    assert conflict["doc_ids"] == ["a", "c"] and conflict["verification"] == "verified"
    assert rows[(2566, "indicator", 10)]["status"] == "single"  # one report as text and PDF counts once
    assert rows[(2566, "indicator", 10)]["n_documents"] == 1
    assert rows[(2567, "overall", None)]["status"] == "single"


def test_the_own_years_document_and_a_text_layer_come_before_a_recall_and_ocr() -> None:
    docs = [_doc("a", year=2567), _doc("b"), _doc("c", doc_type="measures")]
    edition_of = {"a": "ed-a", "b": "ed-b", "c": "ed-c"}
    recalled = [_score("a", 90.0), _score("b", 91.0)]  # a recalls 2566; b is of 2566
    assert panel(recalled, docs, set(), edition_of)[0]["score"] == 91.0
    scanned = [_score("b", 91.0, page=1), _score("c", 92.0, page=1)]
    (row,) = panel(scanned, docs, {("b", 1)}, edition_of)
    assert (row["score"], row["doc_ids"]) == (92.0, ["c", "b"])  # b's page was read by OCR


def test_rows_without_an_organisation_are_not_in_the_panel() -> None:
    assert panel([_score("a", 50.0, org=None)], [_doc("a", org=None)], set(), {"a": "ed-a"}) == []


def test_measure_titles_are_compared_by_their_letters_not_their_spacing() -> None:
    import pyarrow as pa

    signatures = Signatures()
    titles = {"txt": "กระบวนการ สร้างความโปร่งใส ในการ ใช้ งบประมาณ",
              "pdf": "กระบวนการสร้างความโปร่งใสในการใช้งบประมาณ",
              "ocr": "การให้บริการและระบบ E- Service", "layer": "การให้บริการและระบบ E\ufffeService"}
    for doc_id, title in titles.items():
        signatures.observe({"measures": pa.table({"doc_id": [doc_id], "title": [title]})})
    assert signatures.of["txt"] == signatures.of["pdf"] and signatures.of["ocr"] == signatures.of["layer"]
