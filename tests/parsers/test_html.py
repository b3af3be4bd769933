from ita_extract.parsers.html import parse_html


def test_html_document_blocks_and_spans() -> None:
    html = """<html><head><title>x</title></head><body>
<h1>มาตรการส่งเสริมคุณธรรม</h1>
<p>ย่อหน้าแรก</p>
<table>
<tr><th>ประเด็น</th><th>ขั้นตอน</th><th>ผู้รับผิดชอบ</th></tr>
<tr><td rowspan="2">ประเด็นที่ 1</td><td>ขั้นที่หนึ่ง</td><td>กองคลัง</td></tr>
<tr><td>ขั้นที่สอง</td><td colspan="1">สำนักปลัด</td></tr>
</table>
<ul><li>ข้อ ก</li><li>ข้อ ข</li></ul>
</body></html>"""
    blocks = parse_html(html)
    assert [b.kind for b in blocks] == ["heading", "paragraph", "table", "list"]
    assert blocks[0].level == 1 and blocks[0].line_start == 2
    table = blocks[2]
    assert table.header[0].texts == ["ประเด็น", "ขั้นตอน", "ผู้รับผิดชอบ"]
    assert [r.texts for r in table.rows] == [
        ["ประเด็นที่ 1", "ขั้นที่หนึ่ง", "กองคลัง"], ["ประเด็นที่ 1", "ขั้นที่สอง", "สำนักปลัด"]]
    assert blocks[3].lines == ["ข้อ ก", "ข้อ ข"]
