"""The scorecard's view-model: facts by section, charts, and the one place its sentences live.

`build.build_scorecard` is the one entry point. `options` says what the caller asks for;
`context` works out once what every section needs (names, levels, `withholding`'s privacy grids);
`summary`, `principles`, `comments`, `baseline` and `method` each build one part of the
frozen dataclasses in `views` (the templates' context); `wording` turns their facts into
sentences; `charts` draws the SVG.
"""
