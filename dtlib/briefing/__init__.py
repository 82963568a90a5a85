"""The briefing layer: what a notebook cell calls. The run context (run), the per-notebook selections (notebook) and the trend figures of a run (trends).

See ARCHITECTURE.md for the layers and what each owns.
"""
