"""Reading what users give us: the one guarded file reader, YAML with line maps, banks, answer files.

Everything read here is validated once, into the core model; the later stages trust it.
"""
