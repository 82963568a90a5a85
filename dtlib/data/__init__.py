"""The data layer: the vocabulary, text and period grammar, reading and validating the tables, the store and its locks, the repository's paths. Imports nothing else of dtlib.

See ARCHITECTURE.md for the layers and what each owns.
"""
