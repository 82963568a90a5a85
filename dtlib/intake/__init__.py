"""The intake layer: reading a new report into candidate rows (extract) and adding reviewed rows to the data (ingest). Imports data and analysis.

See ARCHITECTURE.md for the layers and what each owns.
"""
