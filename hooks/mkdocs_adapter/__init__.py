"""The MkDocs side of the hook that is not an event: its options, and one build's `Site` (how
MkDocs is told about the engine's work). `hooks/annotate.py` holds the event functions."""
