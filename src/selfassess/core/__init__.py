"""The pure core: the bank and response model, scoring, privacy rules, rounding and levels.

Nothing here reads a file, the network, the clock or randomness; whatever varies is passed in.
tests/test_layout.py holds this rule.
"""
