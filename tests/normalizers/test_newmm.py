"""The C port of newmm gives pythainlp's tokens: on the text of every dev and real PDF, on random
strings built to hit each of its paths, and on long runs where the graph cut-off acts."""

import random

import pypdfium2 as pdfium
import pytest
import regex
from pythainlp.tokenize import word_tokenize
from pythainlp.tokenize.tcc_p import _RE_TCC, tcc_pos_array
from pythainlp.util import Trie

from ita_extract.normalizers import newmm
from ita_extract.normalizers.dictionary import segmenter, thai_words
from tests.conftest import CORPUS

WORDS = sorted(thai_words())


@pytest.fixture(scope="module")
def trie() -> Trie:
    return Trie(WORDS)


def pythainlp_tokens(text: str, trie: Trie) -> list[str]:
    return word_tokenize(text, custom_dict=trie, engine="newmm", keep_whitespace=False)


def test_the_extension_is_built_here() -> None:
    """CI builds with a C compiler: the fast path is the one the other tests and `make bench` see."""
    assert newmm._newmm is not None and segmenter().native


def _pdf_strings() -> list[str]:
    """Each line of every page's text layer, and each run of Thai letters in it."""
    strings = set()
    for folder in ("dev", "real", "thai-pdf"):
        for path in sorted((CORPUS / folder).glob("*.pdf")):
            document = pdfium.PdfDocument(path.read_bytes())
            for page in document:
                for line in page.get_textpage().get_text_range().splitlines():
                    strings.add(line)
                    strings.update(regex.findall(r"[\u0e01-\u0e3a\u0e40-\u0e4e]+", line))
            document.close()
    return sorted(strings)


@pytest.mark.skipif(not (CORPUS / "dev").is_dir(), reason="../shared/corpus is not beside the project")
def test_tokens_equal_pythainlp_on_the_corpus_text(trie) -> None:
    strings = _pdf_strings()
    assert len(strings) > 5000
    different = [s for s in strings if segmenter().tokens(s) != pythainlp_tokens(s, trie)]
    assert different == []
    different = [s for s in strings if segmenter().tcc_ends(s) != bytes(tcc_pos_array(s))]
    assert different == []


_ALPHABET = [chr(c) for c in range(0x0E01, 0x0E5C)] + list(" \t\n\r-aZ09.,:๑๒/()%") + [
    "\u00e9", "\U0001F600", "\u0661", "\uf70a"]


def _random_string(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 8)):
        if rng.random() < 0.6:  # a dictionary word, sometimes with a letter changed
            word = rng.choice(WORDS)
            if rng.random() < 0.3 and len(word) > 2:
                i = rng.randrange(len(word))
                word = word[:i] + rng.choice(_ALPHABET) + word[i + 1:]
            parts.append(word)
        else:  # letters, digits, marks, spaces, Latin, symbols, other scripts
            parts.append("".join(rng.choice(_ALPHABET) for _ in range(rng.randint(1, 6))))
    return "".join(parts)


def test_tokens_equal_pythainlp_on_random_strings(trie) -> None:
    rng = random.Random(2566)
    strings = [_random_string(rng) for _ in range(4000)]
    assert [segmenter().tokens(s) for s in strings] == [pythainlp_tokens(s, trie) for s in strings]
    assert [segmenter().tcc_ends(s) for s in strings] == [bytes(tcc_pos_array(s)) for s in strings]


def test_tokens_equal_pythainlp_past_the_graph_cut_off(trie) -> None:
    """Runs of short words without a space leave newmm's graph ambiguous past 50 edges."""
    rng = random.Random(10)
    short = [w for w in WORDS if len(w) <= 3]
    strings = ["".join(rng.choice(short) for _ in range(rng.randint(100, 400))) for _ in range(30)]
    assert [segmenter().tokens(s) for s in strings] == [pythainlp_tokens(s, trie) for s in strings]


@pytest.mark.parametrize("text", [
    "", " ", "\n", "\r", "\r\n", "1,234.50บาท", "19:32น 127.0.0.1", "ก", "กข", "ก\n", "abc-def", "๑๒๓,๔๕๖",
    "โครงการ\tอบรม  ๒๕๖๖", "\u0e31\u0e48", "ITA ๒๕๖๖ (o10)", "😀ครับ"])
def test_edge_strings(text, trie) -> None:
    assert segmenter().tokens(text) == pythainlp_tokens(text, trie)


def test_without_the_extension_pythainlp_segments(monkeypatch, trie) -> None:
    monkeypatch.setattr(newmm, "_newmm", None)
    plain = newmm.Segmenter(WORDS)
    assert not plain.native
    assert plain.tokens("ผลการประเมินคุณธรรม ITA") == pythainlp_tokens("ผลการประเมินคุณธรรม ITA", trie)


def test_the_tcc_rules_compile_from_pythainlp() -> None:
    program = newmm.compile_tcc(_RE_TCC)
    assert len(program) == len(_RE_TCC)
    assert newmm.compile_tcc(["เ[ก-ฮ]็(?=[ก-ฮ]|$)"]) == ((
        ("class", False, ((0x0E40, 0x0E40),)), ("class", False, ((0x0E01, 0x0E2E),)),
        ("class", False, ((0x0E47, 0x0E47),)),
        ("look", False, ((("class", False, ((0x0E01, 0x0E2E),)),), (("end", False),))),
    ),)


@pytest.mark.parametrize("pattern", ["ก+", "ก*", "[^ก]", "ก{2}", r"\d", "(ก|ข)", "(?:ก)", ".", "[ก-"])
def test_syntax_the_matcher_does_not_know_is_refused(pattern) -> None:
    with pytest.raises(newmm.PatternNotSupported):
        newmm.compile_tcc([pattern])


def test_new_tcc_syntax_falls_back_to_pythainlp(monkeypatch, trie) -> None:
    import pythainlp.tokenize.tcc_p as tcc_p

    monkeypatch.setattr(tcc_p, "_RE_TCC", [*tcc_p._RE_TCC, "ก+"])
    fallback = newmm.Segmenter(WORDS)
    assert not fallback.native
    assert fallback.tokens("สำนักงานเทศบาล") == pythainlp_tokens("สำนักงานเทศบาล", trie)
