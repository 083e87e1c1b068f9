"""The report pipeline: the scorecard in HTML and PDF, the audit trail carried inside it, and verify.

request.py turns the `report` command's options into a ReportRequest; pipeline.py scores, builds
the view and renders each output named in outputs.py (the table of outputs: PDF, HTML); pdf.py
lays the PDF out (WeasyPrint, imported lazily) and pdf_tags.py completes its tag tree; audit.py
writes the manifest and attached_copies.py the answer files as attached; verify.py (with
verify_inputs.py, pdf_text.py, page_comparison.py, manifest_fields.py) checks a scorecard
against them. score_formats.py is the table of `score -f` formats.
"""
