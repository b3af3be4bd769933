# The C extension parsers/_pdfium.c: loops over pdfium's functions (their addresses passed in).
from collections.abc import Sequence

def char_boxes(get_char_box: int, textpage: int, text: str, skip: str,
               height: float) -> tuple[bytes, bytes, bytes, int]: ...
def page_objects(functions: tuple[int, ...], page: int, kinds: tuple[int, int, int], path_depth: int,
                 image_depth: int) -> tuple[list[tuple[float, float, float, float]], float, str | None,
                                            str | None]: ...
def assign(text: str, boxes: bytes, has_box: bytes, ids: bytes, cells: int, gap: float,
           digit_gap: float) -> tuple[list[tuple[str, float, float, float, float]],
                                      Sequence[tuple[int, list[tuple[str, float]]]]]: ...
