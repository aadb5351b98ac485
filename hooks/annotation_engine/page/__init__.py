"""The one pass over each converted page (terms linked, notes anchored, comments read and checked
against their source) and the rendering of annotations' Markdown, which goes through the same pass."""
