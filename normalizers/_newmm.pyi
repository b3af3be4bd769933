# The C extension normalizers/_newmm.c: pythainlp's newmm segmentation, step for step.
from typing import Any

def make_trie(words: list[str]) -> Any: ...  # a capsule holding the dictionary
def make_program(alternatives: tuple[Any, ...]) -> Any: ...  # a capsule holding the TCC rules
def segment(trie: Any, program: Any, text: str) -> list[str]: ...
def tcc_ends(program: Any, text: str) -> bytes: ...
