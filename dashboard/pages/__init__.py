"""The page registry the app assembles its navigation from.

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
    PageSpec("pages/region.py", "region", "page_region", ":material/map:"),
    PageSpec("pages/causes.py", "causes", "page_causes", ":material/volunteer_activism:"),
    PageSpec("pages/progress.py", "progress", "page_progress", ":material/trending_up:"),
    PageSpec("pages/distributions.py", "distributions", "page_distributions", ":material/bar_chart:"),
    PageSpec("pages/methods.py", "methods", "page_methods", ":material/description:"),
)


def pages_for(mode: str = "full") -> list[PageSpec]:
    """The pages shown in a mode, in menu order (the first is the default page)."""
    return [p for p in PAGES if mode in p.modes]
