"""The analysis layer: observations as of a date, targets and their attainment, verdicts at the deadline, the 2025 mergers (who became whom), comparisons, changes since the last pack. Imports the data layer only; no words, no figures.

See ARCHITECTURE.md for the layers and what each owns.
"""
