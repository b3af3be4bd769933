"""Text dumps (.txt, .md) of OCR and conversion tools → the document model.

Handles markdown headings and bold, pipe tables with separator rows,
tab-separated rows, HTML inside cells, lists, form feeds as page breaks, and
tables that continue after a page break (repeated header dropped, a row cut
by the break merged back into the row above).
"""

from __future__ import annotations

import regex

from ita_extract.normalizers.digits import thai_digits_to_arabic
from ita_extract.normalizers.patterns import DECIMAL_SCORE
from ita_extract.normalizers.thai_text import display_width
from ita_extract.parsers.formats import TEXT
from ita_extract.parsers.html import cell_from_html, looks_like_html
from ita_extract.parsers.model import Block, Cell, Document, Page, Row, glyph_checkboxes, repeats_header
from ita_extract.parsers.wrap import FULL_LINE, VisualLine, join_lines, line_pitch, opens_paragraph

_HEADING = regex.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BOLD_LINE = regex.compile(r"^\*\*(.+?)\*\*$|^__(.+?)__$")
_BOLD = regex.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_LIST_ITEM = regex.compile(r"^\s*(?:[-*•●▪]|\(?[0-9๐-๙]{1,2}[.)])\s+\S")
_SEPARATOR_CELL = regex.compile(r"^\s*:?-{1,}:?\s*$")
_PIPE_SPLIT = regex.compile(r"(?<!\\)\|")
# A pipe between cells of a table printed without the pipes at its ends (`ตัวชี้วัด | คะแนน`, as
# markdown allows and conversion tools print): spaced on both sides.
_INNER_PIPE = regex.compile(r"\S\s+\|\s+\S")
_MAX_HEADER_CELL = 40  # header labels are short; a longer cell is data
_NUMBER_CELL = regex.compile(r"^\s*[-+]?[0-9๐-๙]+(?:[.,][0-9๐-๙]+)*\s*%?\s*$")
# A layout dump's gap between columns: three spaces or more (prose puts two after a sentence at most).
_WIDE_GAP = regex.compile(r"\S {3,}\S")
_SPACED_CELL = regex.compile(r"\S+(?: {1,2}\S+)*")  # a cell's text: words one or two spaces apart
# A page's prose wrapped at its width: the widest line within what a page prints (display
# positions), and at least this many lines reaching it.
_MIN_WRAP_WIDTH, _MAX_WRAP_WIDTH, _MIN_FULL_LINES = 40, 140, 3
_ROW_NUMBER = regex.compile(r"^\s*\(?[0-9๐-๙]{1,2}(?:[.)]|\s|$)")  # a row's number opening its first cell
_SCORE_CELL = regex.compile(rf"^\s*{DECIMAL_SCORE}\s*$")  # on Arabic digits
_MIN_SPACED_COLUMNS = 3  # a label and a value are read as a line; a table has more columns
_MAX_BLANKS_IN_TABLE = 2  # pdftotext -layout puts one blank line between a table's rows, more after it
_MAX_WRAPPED_LINES = 2  # lines of wrapped words under one row of a layout table
_WRAP_SLACK = 2  # display positions a wrapped line may start before its column (a page's shift)
_CONTINUED = regex.compile(r"\(\s*ต่อ\s*\)|\(\s*continued\s*\)", regex.IGNORECASE)


def parse_text(text: str, encoding: str | None = None) -> Document:
    pages: list[Page] = []
    line_no = 1
    for number, page_text in enumerate(text.split("\f"), start=1):
        goes_on = bool(pages and pages[-1].blocks and pages[-1].blocks[-1].columns)
        raw = page_text.split("\n")
        blocks = _blocks(raw, line_no, number, goes_on=goes_on)
        page = Page(number, page_text, _rewrapped(blocks, raw, line_no))
        _join_cut_cell(pages[-1] if pages else None, page, line_no)
        pages.append(page)
        line_no += page_text.count("\n")
    _join_continued_tables(pages)
    return Document(TEXT.name, pages, encoding=encoding)


def _blocks(lines: list[str], first_line: int, page: int, spaced: bool = True,
            goes_on: bool = False) -> list[Block]:
    """The blocks of a page's lines; `goes_on`: the last page ended with a layout table, which a
    single row opening this page may go on (after words the break cut from its last row)."""
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        kind = _line_kind(line, spaced)
        if kind == "blank":
            i += 1
            continue
        j = i + 1
        if kind in ("pipe", "tsv", "paragraph", "list", "spaced"):
            while j < len(lines) and _line_kind(lines[j], spaced) == kind:
                j += 1
        block_lines = lines[i:j]
        start = first_line + i
        if kind == "pipe" and len(block_lines) == 1 and not line.strip().startswith("|"):
            kind = "paragraph"  # one line with a pipe inside (`ทุกกอง | สำนัก`) is no table
        if kind == "spaced":
            opening = goes_on and sum(1 for line in lines[:i] if line.strip()) <= _MAX_WRAPPED_LINES
            table, end = _spaced_table(lines, i, first_line, page, 1 if opening else 2)
            if table is not None:
                blocks.append(table)
                i = end
                continue
            blocks.extend(_blocks(block_lines, start, page, spaced=False))
        elif kind in ("pipe", "tsv"):
            table = _table(block_lines, start, page, kind)
            if table is not None:
                blocks.append(table)
        elif kind == "heading":
            match = _HEADING.match(line) or _BOLD_LINE.match(line.strip())
            assert match is not None  # the line was told a heading by these patterns
            level = len(match.group(1)) if line.lstrip().startswith("#") else 0
            title = match.group(2) if level else (match.group(1) or match.group(2))
            blocks.append(Block("heading", page, start, start, [_plain(title)], level=level))
        else:
            texts = [_plain(x) for x in block_lines]
            blocks.append(Block("list" if kind == "list" else "paragraph", page, start,
                                start + len(block_lines) - 1, texts))
        i = j
    return blocks


def _rewrapped(blocks: list[Block], raw: list[str], first_line: int) -> list[Block]:
    """A page of prose an OCR tool or pdftotext wrapped at the page's width (its lines together or
    a blank line apart), its visual lines put back into paragraphs, one block each: a line goes on
    in the next prose line where a PDF's would (wrap.opens_paragraph: as close below it as the
    lines of a paragraph stand, it reaching the width). A page is wrapped when its widest prose
    line is no wider than a page prints and several lines reach that width; a dump whose
    paragraphs are one line each (markdown) has no such width and is left as it is."""
    prose = [(b, k) for b, block in enumerate(blocks) if block.kind in ("paragraph", "list")
             for k in range(len(block.lines))
             if not _WIDE_GAP.search(raw[block.line_start + k - first_line].strip())]  # no table's row
    visual = []
    for b, k in prose:
        text = raw[blocks[b].line_start + k - first_line]
        indent = len(text) - len(text.lstrip())
        visual.append(VisualLine(blocks[b].lines[k], blocks[b].line_start + k, blocks[b].line_start + k + 1,
                                 indent, indent + display_width(text.strip())))
    width = max((line.x1 for line in visual), default=0.0)
    left = min((line.x0 for line in visual), default=0.0)
    if not _MIN_WRAP_WIDTH <= width <= _MAX_WRAP_WIDTH or \
            sum(line.x1 >= left + FULL_LINE * (width - left) for line in visual) < _MIN_FULL_LINES:
        return blocks
    pitch = line_pitch(visual, left, width)
    groups: list[list[int]] = []
    for n, (b, k) in enumerate(prose):
        if groups and _goes_on(blocks, prose[n - 1], (b, k)) and \
                not opens_paragraph(visual[n - 1], visual[n], left, width, pitch):
            groups[-1].append(n)
        else:
            groups.append([n])
    if len(groups) == len(prose):
        return blocks
    opening = {prose[group[0]]: group for group in groups}
    joined = {prose[n] for group in groups for n in group[1:]}
    out = []
    for b, block in enumerate(blocks):
        if block.kind not in ("paragraph", "list"):
            out.append(block)
            continue
        for k in range(len(block.lines)):
            if (group := opening.get((b, k))) is not None:
                first, last = (int(visual[n].top) for n in (group[0], group[-1]))
                text = join_lines([visual[n].text for n in group])
                out.append(Block(block.kind, block.page, first, last, [text]))
            elif (b, k) not in joined:  # a line of a table's row left as prose: as it was
                out.append(Block(block.kind, block.page, block.line_start + k, block.line_start + k,
                                 [block.lines[k]]))
    return out


def _goes_on(blocks: list[Block], before: tuple[int, int], line: tuple[int, int]) -> bool:
    """Whether a prose line may go on the one `before` it: nothing but blank lines between (no
    heading, no table), and it opens no list's point."""
    return blocks[line[0]].kind == "paragraph" and line[0] - before[0] <= 1


def _line_kind(line: str, spaced: bool = True) -> str:
    stripped = line.strip()
    if not stripped:
        return "blank"
    if spaced and not stripped.startswith("|") and _WIDE_GAP.search(stripped.replace("|", " ")):
        return "spaced"  # a layout row; a bar in it is a ruling OCR read (`การใช้งบประมาณ | 94.20   A`)
    if stripped.startswith("|") or _INNER_PIPE.search(stripped):
        return "pipe"
    if "\t" in line:
        return "tsv"
    if _HEADING.match(stripped) or _BOLD_LINE.match(stripped):
        return "heading"
    if _LIST_ITEM.match(line):
        return "list"
    return "paragraph"


def _plain(text: str) -> str:
    """Inline markup removed: bold markers, and HTML turned into its text."""
    text = _BOLD.sub(lambda m: m.group(1) or m.group(2), text).strip()
    if looks_like_html(text):
        return " ".join(cell_from_html(text).lines)
    return text


def _cell(text: str) -> Cell:
    text = _BOLD.sub(lambda m: m.group(1) or m.group(2), text.strip())
    if looks_like_html(text):
        return cell_from_html(text)
    return Cell([text] if text else [], glyph_checkboxes(text))


def _split_row(line: str, kind: str) -> list[str]:
    if kind == "tsv":
        return line.rstrip("\n").split("\t")
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return [c.replace("\\|", "|") for c in _PIPE_SPLIT.split(inner)]


def _table(lines: list[str], first_line: int, page: int, kind: str) -> Block | None:
    raw = [(first_line + k, _split_row(line, kind)) for k, line in enumerate(lines)]
    separator_at = next(
        (k for k, (_, cells) in enumerate(raw) if cells and all(_SEPARATOR_CELL.match(c)
                                                                for c in cells)),
        None,
    )
    rows = [Row([_cell(c) for c in cells], line, page)
            for k, (line, cells) in enumerate(raw) if k != separator_at]
    if not rows:
        return None
    width = max(len(r.cells) for r in rows)
    for row in rows:
        row.cells.extend(Cell([]) for _ in range(width - len(row.cells)))
    header_rows = separator_at if separator_at is not None else 1
    header, body = rows[:header_rows], rows[header_rows:]
    # A header printed over two lines: the second line starts with an empty cell.
    while body and kind == "tsv" and separator_at is None and is_header_continuation(
        body[0], header[0]
    ):
        header.append(body.pop(0))
    header = [merge_header_rows(header)] if header else []
    return Block("table", page, first_line, first_line + len(lines) - 1, header=header, rows=body,
                 header_guessed=separator_at is None)


def _spaced_table(lines: list[str], first: int, first_line: int, page: int,
                  min_rows: int) -> tuple[Block | None, int]:
    """A table a layout dump (pdftotext -layout, an OCR tool keeping the layout) aligned with runs
    of spaces, from lines[first], and the index of the line after it.

    Its columns are the runs of display positions its rows' texts cover, with a position no row
    covers between two columns (Thai marks above and below take no position). Its rows may stand a
    blank line apart, and a cell's wrapped words go on in the lines below a row, inside the cell's
    column. None unless it has at least three columns, `min_rows` rows (two, or one going on a
    table from the last page) and no row with two texts in one column: prose with wide gaps stays
    prose."""
    read = [table for by_display in (False, True)
            if (table := _spaced_rows(lines, first, by_display, min_rows)) is not None]
    if not read:
        return None, first
    # Tools align either the characters (pdftotext counts a Thai mark as a position) or what the
    # eye sees (a mark takes none): the reading that splits the table into fewer columns is right.
    built, end, columns = min(read, key=lambda table: len(table[0][0].cells))
    for row in built:
        row.line, row.page = first_line + row.line, page
    # A first row with a score in it is data; one opening a page may go on the last page's table
    # (_goes_on_headless takes it from the header).
    first_texts = [thai_digits_to_arabic(text) for text in built[0].texts]
    headed = min_rows == 1 or not any(_SCORE_CELL.match(text) for text in first_texts)
    header, body = (built[:1], built[1:]) if headed else ([], built)
    return Block("table", page, first_line + first, first_line + end - 1, header=header, rows=body,
                 columns=[float(left) for left, _ in columns], header_guessed=True), end


def _spaced_rows(lines: list[str], first: int, by_display: bool,
                 min_rows: int) -> tuple[list[Row], int, list[list[int]]] | None:
    rows, wrapped, end = _spaced_run(lines, first)
    lines = [line.replace("|", " ") for line in lines]  # a bar between cells: a ruling OCR read
    while True:
        columns = _columns([lines[k] for k in rows], by_display)
        wrapped_in = {k: _column_of_wrapped(lines[k], columns, by_display) for k in wrapped}
        stray = next((k for k, column in wrapped_in.items() if column is None), None)
        if stray is None:
            break
        rows, wrapped, end = [k for k in rows if k < stray], [k for k in wrapped if k < stray], stray
    if len(rows) < min_rows or len(columns) < _MIN_SPACED_COLUMNS:
        return None
    built: list[Row] = []
    for k in sorted([*rows, *wrapped]):
        if (column := wrapped_in.get(k)) is not None:
            built[-1].cells[column].lines.append(lines[k].strip())
            continue
        placed = _placed(lines[k], columns, by_display)
        if placed is None:
            return None
        if built and _goes_on_row(placed):
            for column, text in placed.items():
                built[-1].cells[column].lines.append(text)
            continue
        built.append(Row([_cell(placed.get(c, "")) for c in range(len(columns))], k, 0))
    return _numbered_rows(built), end, columns


def _numbered_rows(rows: list[Row]) -> list[Row]:
    """The rows of a layout table whose rows open with a number (`๑. หน่วยงานต้อง …`), the lines of
    wrapped words pdftotext prints under each (its first cell's too) put back on their row: a line
    that opens with no number and holds no number alone goes on the row above."""
    if sum(bool(_ROW_NUMBER.match(row.cells[0].text)) for row in rows[1:]) < 2:
        return rows
    kept: list[Row] = []
    for row in rows:
        if kept and not _ROW_NUMBER.match(row.cells[0].text) \
                and not any(_NUMBER_CELL.match(text) for text in row.texts):
            for cell, more in zip(kept[-1].cells, row.cells, strict=True):
                cell.extend(more)
            continue
        kept.append(row)
    return kept


def _goes_on_row(placed: dict[int, str]) -> bool:
    """Whether a line of a layout table goes on the row above (its cells' wrapped words, several
    columns at once): nothing in the first column and no number alone in a cell. A row of a group
    whose first cell the group's first row holds (`| o2 | ข้อมูลผู้บริหาร | 100`) has its number."""
    return 0 not in placed and not any(_NUMBER_CELL.match(text) for text in placed.values())


def _spaced_run(lines: list[str], first: int) -> tuple[list[int], list[int], int]:
    """The rows (spaced lines) of a layout table from lines[first], the lines of wrapped words
    between and after them, and the index of the line after the run: blank lines between rows,
    at most two lines of wrapped words after a row; after the last, indented words, words as
    close below it as a next row would stand, or words the page's end cut off."""
    rows: list[int] = [first]
    wrapped: list[int] = []
    pending: list[int] = []
    blanks = 0
    close = True  # whether the lines of words pending stand as close to the row as its next row would
    k = first + 1
    while k < len(lines):
        kind = _line_kind(lines[k])
        if kind == "blank":
            blanks += 1
            if blanks > _MAX_BLANKS_IN_TABLE:
                break
        elif kind == "spaced":
            rows.append(k)
            wrapped += pending
            pending, blanks = [], 0
        elif kind in ("paragraph", "list") and len(pending) < _MAX_WRAPPED_LINES:
            close = close and blanks <= 1
            pending.append(k)
            blanks = 0
        else:
            break
        k += 1
    page_ends = all(_line_kind(line) == "blank" for line in lines[k:])
    for k in pending:
        if lines[k][:1] != " " and not (close or page_ends):
            break  # after the last row: indented words, words close below it, or words the page cut
        wrapped.append(k)
    return rows, wrapped, max([*rows, *wrapped]) + 1


def _columns(lines: list[str], by_display: bool) -> list[list[int]]:
    columns: list[list[int]] = []
    for start, end in sorted((start, end) for line in lines for _, start, end in _spans(line, by_display)):
        if columns and start < columns[-1][1]:
            columns[-1][1] = max(columns[-1][1], end)
        else:
            columns.append([start, end])
    return columns


def _spans(line: str, by_display: bool) -> list[tuple[str, int, int]]:
    return [(m.group(), *(_display_span(line, m.start(), m.end()) if by_display else m.span()))
            for m in _SPACED_CELL.finditer(line)]


def _placed(line: str, columns: list[list[int]], by_display: bool) -> dict[int, str] | None:
    """A row's texts by column; None when two of its texts fall in one column."""
    placed: dict[int, str] = {}
    for text, start, _ in _spans(line, by_display):
        column = next(c for c, (left, right) in enumerate(columns) if left <= start < right)
        if column in placed:
            return None
        placed[column] = text
    return placed


def _column_of_wrapped(line: str, columns: list[list[int]], by_display: bool) -> int | None:
    """The column a line of a cell's wrapped words stands in: it starts in (or a little before) the
    column and does not reach the next one; None when it does not fit one column (prose)."""
    spans = _spans(line, by_display)
    if not spans:
        return None
    start, end = spans[0][1], spans[-1][2]
    for c, (left, right) in enumerate(columns):
        following = columns[c + 1][0] if c + 1 < len(columns) else None
        if left - _WRAP_SLACK <= start < right and (following is None or end <= following):
            return c
    return None


def _display_span(line: str, start: int, end: int) -> tuple[int, int]:
    """The display positions [start, end) of line[start:end]: a Thai mark takes none."""
    before = display_width(line[:start])
    return before, before + display_width(line[start:end])


def is_header_continuation(row: Row, header: Row) -> bool:
    """A second header line: the first line has a gap (a grouped column), this row starts
    with an empty cell and holds only short labels."""
    return (
        any(cell.is_empty for cell in header.cells)
        and row.cells[0].is_empty
        and all(len(cell.text) <= _MAX_HEADER_CELL for cell in row.cells)
    )


def merge_header_rows(rows: list[Row]) -> Row:
    """Rows that are one logical row, joined cell by cell into the first."""
    first = Row([Cell(list(c.lines), list(c.checkboxes)) for c in rows[0].cells],
                rows[0].line, rows[0].page)
    for row in rows[1:]:
        _append_cells(first, row)
    return first


def _append_cells(target: Row, row: Row) -> None:
    for k, cell in enumerate(row.cells):
        if k < len(target.cells):
            target.cells[k].extend(cell)
        else:
            target.cells.append(cell)


def header_key(row: Row) -> str:
    """A header row's identity for recognising its repetition: no spaces, no "(ต่อ)"."""
    text = "".join(row.texts)
    return regex.sub(r"\s+", "", _CONTINUED.sub("", text))


def _join_continued_tables(pages: list[Page]) -> None:
    """Join a table with the next block when that block is the same table continued."""
    previous: Block | None = None
    for page in pages:
        kept: list[Block] = []
        for k, block in enumerate(page.blocks):
            if previous is not None and block.kind == "table" and _continues(previous, block):
                _absorb(previous, block)
                continue
            headless = k == 0 and block.kind == "table" and previous is not None
            if headless and previous is not None and _goes_on_headless(previous, block):
                block.rows = [*block.header, *block.rows]  # its "header" is the table's next row
                _absorb(previous, block)
                continue
            kept.append(block)
            previous = block
        page.blocks = kept


def _join_cut_cell(previous: Page | None, page: Page, first_line: int) -> None:
    """Words a page break cut from the last row of a layout table (`ทรัพย์สินของ` / page break /
    `ราชการ`), printed at the top of the next page before the table goes on: back into the cell of
    the column they stand in, so that the table opening the page goes on from the last page's."""
    last = previous.blocks[-1] if previous and previous.blocks else None
    if last is None or last.kind != "table" or not last.columns or len(page.blocks) < 2:
        return
    cut, table = page.blocks[0], page.blocks[1]
    if cut.kind != "paragraph" or len(cut.lines) > _MAX_WRAPPED_LINES or table.kind != "table" \
            or cut.line_end - cut.line_start + 1 != len(cut.lines) or not _goes_on_headless(last, table):
        return  # (a paragraph put back together from wrapped lines is prose, not a cell's words)
    raw = page.raw_text.split("\n")
    row = (last.rows or last.header)[-1]
    for line_number, text in zip(range(cut.line_start, cut.line_end + 1), cut.lines, strict=True):
        indent = len(raw[line_number - first_line]) - len(raw[line_number - first_line].lstrip())
        column = max((c for c, left in enumerate(last.columns) if left <= indent + _WRAP_SLACK), default=0)
        row.cells[column].lines.append(text)
    page.blocks = page.blocks[1:]


def _continues(table: Block, block: Block) -> bool:
    if table.kind != "table" or not table.header or not block.header:
        return False
    same_header = header_key(table.header[0]) == header_key(block.header[0]) or \
        repeats_header(block.header[0], table.header[0])
    continued_mark = bool(_CONTINUED.search(" ".join(block.header[0].texts)))
    same_width = len(table.header[0].cells) == len(block.header[0].cells)
    return same_header or (continued_mark and same_width)


def _goes_on_headless(table: Block, block: Block) -> bool:
    """A table opening a page that goes on with the last page's table without printing its header
    again: no separator row, as wide, and its first row holds a number alone in a cell (data, not
    column labels)."""
    if table.kind != "table" or not table.header or not block.header or not block.header_guessed:
        return False
    if table.page == block.page or len(table.header[0].cells) != len(block.header[0].cells):
        return False
    return any(_NUMBER_CELL.match(cell.text) for cell in block.header[0].cells)


def _absorb(table: Block, continuation: Block) -> None:
    rows = continuation.rows
    if rows and table.rows and rows[0].cells[0].is_empty:
        # The page break cut a row in two: its second half has no first cell.
        _append_cells(table.rows[-1], rows[0])
        rows = rows[1:]
    table.rows.extend(rows)
    table.line_end = continuation.line_end
