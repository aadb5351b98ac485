"""Material's one script, by the name its build gave it (named by its content's hash), for
overrides/main.html, which loads it deferred: a theme names its scripts in its templates only,
and a hook cannot add an attribute to a script tag a template writes (no API for either), so the
name is found in the theme's files instead of copied from Material's template. Light to import:
the benchmark's build without hooks uses it too, so that both load the script alike."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

MATERIAL_SCRIPT = "assets/javascripts/bundle.*.min.js"


def material_scripts(theme_dirs: Iterable[str]) -> list[str]:
    """Every file in the theme's folders named as Material's script is: one, in a good install."""
    return sorted(
        path.relative_to(folder).as_posix() for folder in map(Path, theme_dirs) for path in folder.glob(MATERIAL_SCRIPT)
    )
