"""selfassess: offline self-assessment forms and scorecards for partnerships."""

__version__ = "0.1.0"
