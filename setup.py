"""The C extensions; everything else about the package is in pyproject.toml.

Both are optional: without a C compiler `pip install` skips them and the pipeline runs the same
algorithms in Python (pythainlp's newmm, pypdfium2's ctypes calls), slower, with the same rows."""

from setuptools import Extension, setup

# No fused multiply-add: the character boxes' arithmetic must round as Python's does.
_FLAGS = ["-O2", "-ffp-contract=off"]

setup(ext_modules=[
    Extension("ita_extract.parsers._pdfium", ["parsers/_pdfium.c"], optional=True,
              extra_compile_args=_FLAGS),
    Extension("ita_extract.normalizers._newmm", ["normalizers/_newmm.c"], optional=True,
              extra_compile_args=_FLAGS),
])
