"""The view state people share: region, language, map figure and year, kept in the URL.

`parse_state` / `to_params` are pure (tested without streamlit). `current()` reads st.query_params;
`navigate()` writes them, which makes the browser push a history entry, so links, reloads and the
back button all reproduce a view. Session state is only widget plumbing, never the source of truth.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from typing import Any

from dashboard.i18n import DEFAULT_LANG, LANGS

NATION = 100000
YEARS = tuple(range(2014, 2021))
DEFAULT_YEAR = 2014  # the registration year: the map opens on the register as first drawn up

# Figures of child_region_figures a map can be coloured by. Causes and measures are added as
# "cause_<code>" / "measure_<code>" (measure_0 = any measure).
BASE_METRICS = (
    "n_people_on_register",
    "n_households_on_register",
    "n_people_remaining",
    "n_households_remaining",
    "share_people_exited",
    "n_people_exited",
    "n_poor_villages",
    "n_poor_villages_remaining",
    "n_poor_counties",
    "n_poor_counties_exited",
    "share_with_helper",
    "share_with_any_measure",
)
DEFAULT_METRIC = "n_people_on_register"
_DYNAMIC_METRIC = re.compile(r"^(cause|measure)_(\d{1,2})$")


@dataclass(frozen=True)
class ViewState:
    """What a shared link fixes: the region (adcode), language, map figure and year."""

    region: int = NATION
    lang: str = DEFAULT_LANG
    metric: str = DEFAULT_METRIC
    year: int = DEFAULT_YEAR

    def with_(self, **changes: Any) -> ViewState:
        """A copy with some fields changed."""
        return replace(self, **changes)


def _first(value: Any) -> str | None:
    if isinstance(value, (list, tuple)):
        return str(value[-1]) if value else None
    return None if value is None else str(value)


def is_valid_metric(metric: str) -> bool:
    """A base figure, or cause_<1..12> / measure_<0..11>."""
    if metric in BASE_METRICS:
        return True
    m = _DYNAMIC_METRIC.match(metric)
    if not m:
        return False
    code = int(m.group(2))
    return 1 <= code <= 12 if m.group(1) == "cause" else 0 <= code <= 11


def metric_kind(metric: str) -> tuple[str, int | None]:
    """('base', None) | ('cause', code) | ('measure', code)."""
    m = _DYNAMIC_METRIC.match(metric)
    return (m.group(1), int(m.group(2))) if m else ("base", None)


def is_share_metric(metric: str) -> bool:
    """Whether the figure is a 0–1 fraction (formatted as %)."""
    return metric.startswith("share") or metric_kind(metric)[0] != "base"


def parse_state(params: Mapping[str, Any]) -> ViewState:
    """View state from query parameters; anything missing or malformed falls back to its default."""
    region = NATION
    raw = _first(params.get("region"))
    if raw and raw.isdigit() and len(raw) == 6:
        region = int(raw)
    lang = _first(params.get("lang"))
    lang = lang if lang in LANGS else DEFAULT_LANG
    metric = _first(params.get("metric")) or DEFAULT_METRIC
    if not is_valid_metric(metric):
        metric = DEFAULT_METRIC
    year = DEFAULT_YEAR
    raw = _first(params.get("year"))
    if raw and raw.isdigit() and int(raw) in YEARS:
        year = int(raw)
    return ViewState(region=region, lang=lang, metric=metric, year=year)


def to_params(state: ViewState) -> dict[str, str]:
    """Query parameters for a view state, in a stable order."""
    return {k: str(v) for k, v in asdict(state).items()}


def current() -> ViewState:
    """The view state of this run, read from st.query_params."""
    import streamlit as st

    return parse_state(st.query_params.to_dict())


def canonicalize(state: ViewState) -> None:
    """Write the full state into the URL when it differs (e.g. a bare link), so it can be copied."""
    import streamlit as st

    wanted = to_params(state)
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


def navigate(**changes: Any) -> None:
    """Change the view (e.g. navigate(region=520000)). Safe inside widget callbacks."""
    import streamlit as st

    new = current().with_(**changes)
    st.query_params.from_dict(to_params(new))
