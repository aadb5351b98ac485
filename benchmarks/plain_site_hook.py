"""The one thing the benchmark's build without hooks keeps of the project's hook: Material's script
is named for overrides/main.html, which then loads it deferred, as on the annotated site. Without
it, the page without hooks loads the script as Material does, and a comparison of first paints
would compare that choice, not annotation. make_site copies this file into the grown site's
`hooks/` folder, beside the adapter it imports."""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from mkdocs_adapter.theme import material_scripts


def on_env(env: Any, config: MkDocsConfig, files: Any) -> Any:
    found = material_scripts(config.theme.dirs)
    env.globals["material_script"] = found[0] if len(found) == 1 else ""
    return env
