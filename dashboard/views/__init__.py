"""The page registry the app assembles its navigation from.

Not called `pages/`: Streamlit treats a pages/ folder beside the entry point as the old multipage app,
and a fresh server would run pages/causes.py bare (no frame, no banner) for a deep link to /causes.

Each page is a file here that runs its sections in order. A mode (the later public or officials' modes)
chooses pages by filtering this list, so a page can be hidden or swapped without touching the others.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    """One page: its file (relative to dashboard/), URL path, title key in i18n and icon."""

    file: str
    url_path: str
    title_key: str
    icon: str
    modes: frozenset[str] = frozenset({"full"})


PAGES: tuple[PageSpec, ...] = (
    PageSpec("views/region.py", "region", "page_region", ":material/map:"),
    PageSpec("views/causes.py", "causes", "page_causes", ":material/volunteer_activism:"),
    PageSpec("views/progress.py", "progress", "page_progress", ":material/trending_up:"),
    PageSpec("views/distributions.py", "distributions", "page_distributions", ":material/bar_chart:"),
    PageSpec("views/methods.py", "methods", "page_methods", ":material/description:"),
)


def pages_for(mode: str = "full") -> list[PageSpec]:
    """The pages shown in a mode, in menu order (the first is the default page)."""
    return [p for p in PAGES if mode in p.modes]
