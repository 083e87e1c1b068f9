"""The scorecard's view-model: facts by section, charts, and the one place its sentences live."""
