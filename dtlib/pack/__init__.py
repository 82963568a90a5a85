"""The pack layer: planning the runs, the kernels that execute them, the rebuild keys, the pages, the front page, the briefing outputs (summary, deck, workbook) and publishing the pack.

See ARCHITECTURE.md for the layers and what each owns.
"""
