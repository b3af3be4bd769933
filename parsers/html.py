"""HTML as it appears in dumps: fragments inside table cells, and whole .html files."""

from __future__ import annotations

from html.parser import HTMLParser

import regex

from ita_extract.parsers.model import Block, Cell, Checkbox, Row, glyph_checkboxes

CHECKED, UNCHECKED = "☑", "☐"
_BREAKING_TAGS = {"p", "div", "li", "br", "tr", "ol", "ul", "h1", "h2", "h3", "h4", "h5", "h6",
                  "table", "blockquote", "pre", "hr"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SKIPPED = {"script", "style", "head", "title"}
_WHITESPACE = regex.compile(r"\s+")
_TAG = regex.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")


def looks_like_html(text: str) -> bool:
    return bool(_TAG.search(text))


class _Sink:
    """Lines of text being collected for one cell or block, with checkbox states."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.checkboxes: list[Checkbox] = []
        self._current: list[str] = []
        self._pending_box: bool | None = None

    def write(self, data: str) -> None:
        self._current.append(data)

    def checkbox(self, checked: bool) -> None:
        self.newline()
        self._pending_box = checked

    def newline(self) -> None:
        line = _WHITESPACE.sub(" ", "".join(self._current)).strip()
        self._current = []
        if self._pending_box is not None:
            self.checkboxes.append(Checkbox(self._pending_box, line))
            line = f"{CHECKED if self._pending_box else UNCHECKED} {line}".strip()
            self._pending_box = None
        else:
            self.checkboxes.extend(glyph_checkboxes(line))
        if line:
            self.lines.append(line)

    def cell(self) -> Cell:
        self.newline()
        return Cell(self.lines, self.checkboxes)


class _Builder(HTMLParser):
    def __init__(self, first_line: int = 1) -> None:
        super().__init__(convert_charrefs=True)
        self.first_line = first_line
        self.blocks: list[Block] = []
        self._skip = 0
        self._sink = _Sink()
        self._sink_line = first_line
        self._heading = 0
        self._list_items: list[tuple[int, str]] = []
        self._tables: list[dict] = []  # stack of {"rows": [...], "row": [...], "cell": _Sink}

    # -- html.parser callbacks -------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skip += 1
            return
        attributes = dict(attrs)
        if tag == "input" and (attributes.get("type") or "").lower() == "checkbox":
            self._target().checkbox("checked" in attributes)
        elif tag == "table":
            self._end_flow_block()
            self._tables.append({"rows": [], "row": None, "cell": None, "line": self._line()})
        elif self._tables and tag == "tr":
            self._tables[-1]["row"] = []
            self._tables[-1]["row_line"] = self._line()
        elif self._tables and tag in ("td", "th"):
            table = self._tables[-1]
            if table["row"] is None:
                table["row"] = []
                table["row_line"] = self._line()
            table["cell"] = _Sink()
            table["span"] = (_int(attributes.get("rowspan")), _int(attributes.get("colspan")))
        elif tag in _BREAKING_TAGS:
            if not self._tables:
                self._end_flow_block()
                self._heading = int(tag[1]) if tag in _HEADINGS else 0
            else:
                self._target().newline()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skip = max(0, self._skip - 1)
            return
        if self._tables and tag in ("td", "th"):
            table = self._tables[-1]
            if table["cell"] is not None and table["row"] is not None:
                table["row"].append((table["cell"].cell(), *table["span"]))
            table["cell"] = None
        elif self._tables and tag == "tr":
            table = self._tables[-1]
            if table["row"] is not None:
                table["rows"].append((table["row_line"], table["row"]))
            table["row"] = None
        elif self._tables and tag == "table":
            self._finish_table(self._tables.pop())
        elif tag in _BREAKING_TAGS:
            if self._tables:
                self._target().newline()
            else:
                self._end_flow_block(list_item=tag == "li")
                if tag in ("ul", "ol"):
                    self._flush_list()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if not self._tables and not "".join(self._sink._current).strip() and not self._sink.lines:
            self._sink_line = self._line()
        self._target().write(data)

    # -- helpers ----------------------------------------------------------------
    def _line(self) -> int:
        return self.first_line + self.getpos()[0] - 1

    def _target(self) -> _Sink:
        if self._tables and self._tables[-1]["cell"] is not None:
            return self._tables[-1]["cell"]
        return self._sink

    def _end_flow_block(self, list_item: bool = False) -> None:
        self._sink.newline()
        text_lines = self._sink.lines
        line = self._sink_line
        self._sink = _Sink()
        if not text_lines:
            return
        if list_item:
            self._list_items.append((line, " ".join(text_lines)))
            return
        self._flush_list()
        self.blocks.append(Block("heading" if self._heading else "paragraph", 1, line,
                                 line + len(text_lines) - 1, text_lines, level=self._heading))
        self._heading = 0

    def _flush_list(self) -> None:
        if self._list_items:
            first, last = self._list_items[0][0], self._list_items[-1][0]
            self.blocks.append(Block("list", 1, first, last, [t for _, t in self._list_items]))
            self._list_items = []

    def _finish_table(self, table: dict) -> None:
        rows = _expand_spans(table["rows"])
        if not rows:
            return
        block = Block("table", 1, rows[0].line, rows[-1].line)
        block.header, block.rows = rows[:1], rows[1:]
        self.blocks.append(block)

    def close(self) -> None:
        super().close()
        while self._tables:
            self._finish_table(self._tables.pop())
        self._end_flow_block()
        self._flush_list()


MAX_COLSPAN = 64  # no ITA table is wider; rowspan=100000 colspan=100000 must not take 11 GB


def _int(value: str | None) -> int:
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1


def _expand_spans(raw_rows: list[tuple[int, list[tuple[Cell, int, int]]]]) -> list[Row]:
    """Rows of cells with rowspan/colspan laid out on a grid; spanned places repeat the cell."""
    grid: dict[tuple[int, int], Cell] = {}
    for r, (_, cells) in enumerate(raw_rows):
        c = 0
        for cell, rowspan, colspan in cells:
            # spans reach no further than the table's real rows, and a sane number of columns
            rowspan, colspan = min(rowspan, len(raw_rows) - r), min(colspan, MAX_COLSPAN)
            while (r, c) in grid:
                c += 1
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid[(r + dr, c + dc)] = cell if (dr, dc) == (0, 0) else _copy(cell)
            c += colspan
    width = max((c for _, c in grid), default=-1) + 1
    return [
        Row([grid.get((r, c), Cell([])) for c in range(width)], line)
        for r, (line, _) in enumerate(raw_rows)
    ]


def _copy(cell: Cell) -> Cell:
    return Cell(list(cell.lines), list(cell.checkboxes), spanned=True)


def cell_from_html(fragment: str) -> Cell:
    """A table cell whose text carries HTML (`<p>`, `<br>`, lists, checkboxes, links)."""
    builder = _Builder()
    builder._tables.append({"rows": [], "row": [], "cell": _Sink(), "span": (1, 1)})
    builder.feed(fragment)
    return builder._tables[-1]["cell"].cell()


def parse_html(text: str) -> list[Block]:
    """Blocks of a whole HTML document, with 1-based source lines."""
    builder = _Builder()
    builder.feed(text)
    builder.close()
    return builder.blocks
