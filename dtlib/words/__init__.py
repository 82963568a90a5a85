"""The words layer: the message catalogue and the language in use, the one writer of values and names, the sentences, captions, findings and reader tables built from the analysis.

See ARCHITECTURE.md for the layers and what each owns.
"""
