"""The output contract's version (../shared/contract.md), in a module of its own so that
`ita-extract --version` can say it without loading the schema and the ITA room it names."""

CONTRACT_VERSION = "3"
