"""The report pipeline: the scorecard in HTML and PDF, the audit trail carried inside it, and verify."""
