"""Reading what users give us, validated once into the core model; the later stages trust it.

files.py is the one guarded file reader; yaml_text.py and json_text.py parse untrusted text;
messages.py holds the words of input errors (one near-miss hint, one pydantic-error mapper);
paths.py expands command-line arguments; banks.py reads question banks; responses.py reads
answer files through the registry of answer formats in response_formats.py (JSON in
response_json.py, CSV in response_csv.py); branding.py reads the logo and brand colour.
"""
