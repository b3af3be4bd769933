import pytest

from ita_extract.parsers.encoding import decode_text
from ita_extract.parsers.errors import BinaryInput, EmptyInput, UnknownEncoding

THAI = "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในเทศบาลตำบลเหมืองจี้ ประจำปีงบประมาณ พ.ศ. ๒๕๖๖\n"


def test_utf8_and_bom() -> None:
    assert decode_text(THAI.encode("utf-8")) == (THAI, "utf-8")
    assert decode_text(b"\xef\xbb\xbf" + THAI.encode("utf-8")) == (THAI, "utf-8-sig")
    assert decode_text(THAI.encode("utf-16")) == (THAI, "utf-16")


def test_tis620_is_detected() -> None:
    text, encoding = decode_text(THAI.encode("tis-620"))
    assert (text, encoding) == (THAI, "cp874")


def test_crlf_becomes_lf() -> None:
    assert decode_text("ก\r\nข".encode())[0] == "ก\nข"


@pytest.mark.parametrize("data", [b"", b"  \n\t"])
def test_empty(data: bytes) -> None:
    with pytest.raises(EmptyInput):
        decode_text(data)


def test_binary_junk() -> None:
    junk = bytes(range(256)) * 8
    with pytest.raises(BinaryInput):
        decode_text(junk)


def test_latin1_is_not_guessed_as_thai() -> None:
    with pytest.raises(UnknownEncoding):
        decode_text("Résumé café naïve déjà vu, élève à l'école.".encode("latin-1") * 5)
