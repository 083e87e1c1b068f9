"""The JavaScript that computes, shipped with the package and never looked up through a theme.

scoring.js and partnership-scoring.js (the rules of docs/scoring.md), responses.js (reading
answer files), charts.js (radar and dot-plot geometry) and heatmap.js (the heat map's figures) are twins of
Python code, pinned by the shared cases in tests/vectors/. Pages inline them from here
(pages/page_shell.web_script, through importlib.resources), before the theme's presentational
scripts (form.js, partnership.js): a theme changes how a page looks, never a number on it.
display.js (the unit figures are shown in) comes before scoring.js, answer-file.js (whether
one answer file answers the bank) right after it.
This package holds no Python code.
"""
