"""The figures layer: the theme, colours, the drawings (plots, heat-maps, trend panels), the figure files and their fonts. Imports words and below.

See ARCHITECTURE.md for the layers and what each owns.
"""
