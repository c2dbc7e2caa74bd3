"""Reusable page pieces: region header and breadcrumb, drill picker, key-figure cards, chart blocks.

Pages stay thin: widgets, one call to the query layer (dashboard.data.q), one chart builder, and one of
these helpers to show it. `chart_block` gives every chart a table alternative and a CSV download.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import state as view
from dashboard.data import q, q_row
from dashboard.i18n import STRINGS, fmt_count, fmt_delta, fmt_share, level_name, name_of, t
from dashboard.state import ViewState

PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


def current_view() -> ViewState:
    """The validated view state of this run (set by app.py before the page runs)."""
    return st.session_state.get("_view") or view.current()


def _link(label: str, target: ViewState) -> None:
    # A tertiary button, not st.page_link: a page_link to the page already shown reruns it with the new
    # parameters but leaves the browser's URL (and history) behind. Setting st.query_params pushes both.
    st.button(label, on_click=view.navigate, kwargs={"region": target.region}, type="tertiary", key=f"crumb_{target.region}")


def breadcrumb(state: ViewState) -> pd.DataFrame:
    """全国 › 贵州省 › 毕节市 … with links back up; returns the region path (nation first)."""
    path = q("region_path", adcode=state.region).sort_values("depth")
    with st.container(horizontal=True, gap="small", key="breadcrumb", vertical_alignment="center"):
        rows = path.to_dict("records")
        for i, row in enumerate(rows):
            name = t("nation", state.lang) if int(row["adcode"]) == view.NATION else name_of(row, state.lang)
            if i < len(rows) - 1:
                _link(name, state.with_(region=int(row["adcode"])))
                st.markdown("›")
            else:
                st.markdown(f"**{name}**")
    return path


def region_title(info: dict[str, Any], lang: str) -> None:
    """The region's name as the page title, with its level and poor-county status."""
    name = t("nation", lang) if int(info["adcode"]) == view.NATION else name_of(info, lang)
    badges = [] if int(info["adcode"]) == view.NATION else [level_name(info["level"], lang)]
    if info.get("is_poor_county"):
        batch = info.get("exit_batch_year")
        badges.append(f":red-badge[{t('poor_county', lang)}]" + (f" {t('exit_batch', lang)} {int(batch)}" if pd.notna(batch) else ""))
    if info.get("is_guapai_2020"):
        badges.append(f":orange-badge[{t('guapai', lang)}]")
    st.title(name)
    if badges:
        st.caption(" · ".join(badges))


FULL_RERUN_FLAG = "_full_rerun"


def navigate_app(**changes: Any) -> None:
    """Change the view from a widget callback and rerun the whole app.

    Widgets in a fragment only rerun their fragment; the flag makes the fragment rerun the app at once, so
    the breadcrumb, key figures and the sidebar's links (which carry the view state) follow the change.
    """
    view.navigate(**changes)
    st.session_state[FULL_RERUN_FLAG] = True


def drill(adcode: int) -> None:
    """Go to another region from a widget callback (map click, picker)."""
    navigate_app(region=adcode)


def rerun_app_if_asked() -> None:
    """Call first thing in a fragment: finish a change started by a callback with a full app rerun."""
    if st.session_state.pop(FULL_RERUN_FLAG, False):
        st.rerun(scope="app")


def drill_picker(state: ViewState, children: pd.DataFrame) -> None:
    """A selectbox route down to a child region, for people who don't use the map."""
    if children.empty:
        return
    lang = state.lang
    options = children["adcode"].astype(int).tolist()
    labels = {
        int(r["adcode"]): name_of(r, lang) + (f" · {t('poor_county', lang)}" if r.get("is_poor_county") else "")
        for r in children.to_dict("records")
    }
    key = f"pick_{state.region}"

    def go_down() -> None:
        chosen = st.session_state.get(key)
        if chosen is not None:
            drill(int(chosen))

    st.selectbox(
        t("drill_to", lang),
        options,
        index=None,
        format_func=lambda a: labels.get(a, str(a)),
        placeholder=t("drill_placeholder", lang),
        key=key,
        on_change=go_down,
    )


KEY_FIGURES = (
    "n_people_on_register",
    "n_people_remaining",
    "n_households_on_register",
    "share_people_exited",
    "n_poor_villages_remaining",
    "n_poor_counties_exited",
)


def _delta_color(col: str) -> str:
    # Up is good for progress, bad for what remains; the register's size is neither.
    if col in ("share_people_exited", "n_poor_counties_exited", "n_poor_villages_exited"):
        return "normal"
    if "remaining" in col:
        return "inverse"
    return "off"


def key_figures(by_year: pd.DataFrame, state: ViewState, columns: Sequence[str] = KEY_FIGURES) -> dict[str, Any]:
    """Metric cards for the chosen year: value, change on the year before, sparkline 2014–2020.

    Returns {column: value shown} so tests can compare with the query layer.
    """
    lang, year = state.lang, state.year
    shown: dict[str, Any] = {}
    if by_year.empty:
        st.info(t("no_data", lang))
        return shown
    d = by_year.sort_values("year").set_index("year")
    cols = [c for c in columns if c in d.columns]
    # three to a row: six across truncates the longer English labels
    grid = st.columns(min(len(cols), 3))
    if year > min(d.index):
        st.caption(t("change_vs", lang, year=year - 1))
    for i, col in enumerate(cols):
        value = d[col].get(year)
        prev = d[col].get(year - 1)
        share = col.startswith("share")
        delta = None if prev is None or pd.isna(prev) or value is None else value - prev
        shown[col] = value
        with grid[i % len(grid)]:
            st.metric(
                t(col, lang),
                fmt_share(value) if share else fmt_count(value, lang),
                delta=fmt_delta(delta, lang, share=share) if delta is not None else None,
                delta_color=_delta_color(col),
                # The formatted delta uses a typographic minus, so say the direction instead of letting
                # Streamlit guess it from the text.
                delta_arrow="off" if not delta else "up" if delta > 0 else "down",
                border=True,
            )
    return shown


_CODE_COLUMNS = ("year", "exit_year", "exit_batch_year", "adcode", "village_id", "size")


def table(df: pd.DataFrame, lang: str, columns: dict[str, str] | None = None, *, key: str | None = None, height: int | str = "auto") -> None:
    """A dataframe with localized headers; shares shown as percentages, counts with separators."""
    columns = columns or {c: c for c in df.columns}
    codes = [c for c in _CODE_COLUMNS if c in columns and c in df.columns]
    if codes:  # codes and years read as text: no separators, no float artefacts
        df = df.assign(**{c: df[c].map(lambda v: "" if pd.isna(v) else str(int(v))) for c in codes})
    cfg: dict[str, Any] = {}
    for col, label_key in columns.items():
        label = t(label_key, lang) if label_key in STRINGS else label_key
        if col.startswith(("share", "cause_", "measure_")) or col in ("gap", "expected_share_remaining"):
            cfg[col] = st.column_config.NumberColumn(label, format="percent", width="small")
        elif pd.api.types.is_bool_dtype(df[col]) if col in df else False:
            cfg[col] = st.column_config.CheckboxColumn(label)
        elif col in df and pd.api.types.is_numeric_dtype(df[col]) and col not in codes:
            cfg[col] = st.column_config.NumberColumn(label, format="localized", width="small")
        else:
            cfg[col] = st.column_config.Column(label, width="medium" if col == "name" else None)
    st.dataframe(df[[c for c in columns if c in df.columns]], column_config=cfg, hide_index=True, key=key, height=height)


def with_names(df: pd.DataFrame, lang: str, column: str = "name") -> pd.DataFrame:
    """A copy with a `name` column in the chosen language (from name_zh / name_en)."""
    d = df.copy()
    d.insert(0, column, [name_of(r, lang) for r in d.to_dict("records")] if not d.empty else [])
    return d


def summary_cards(values: dict[str, Any], lang: str) -> None:
    """Plain metric cards (no trend) for a dict of figure → value."""
    cols = st.columns(min(len(values), 5) or 1)
    for i, (key, value) in enumerate(values.items()):
        with cols[i % len(cols)]:
            st.metric(t(key, lang), fmt_share(value) if key.startswith("share") else fmt_count(value, lang), border=True)


def _csv(df: pd.DataFrame) -> bytes:
    # UTF-8 with BOM so Excel opens Chinese names correctly.
    return df.to_csv(index=False).encode("utf-8-sig")


def download(df: pd.DataFrame, filename: str, lang: str, key: str) -> None:
    """A CSV download of exactly the rows behind a chart or table."""
    st.download_button(t("download_csv", lang), data=_csv(df), file_name=f"{filename}.csv", mime="text/csv", key=f"dl_{key}", on_click="ignore", icon=":material/download:")


def chart_block(
    title: str,
    fig: go.Figure | Callable[[], go.Figure],
    data: pd.DataFrame,
    *,
    lang: str,
    key: str,
    columns: dict[str, str] | None = None,
    caption: str | None = None,
) -> None:
    """A chart with a table tab and a CSV download; caption names units and source."""
    st.subheader(title)
    tab_chart, tab_table = st.tabs([t("tab_chart", lang), t("tab_table", lang)])
    with tab_chart:
        figure = fig() if callable(fig) else fig
        st.plotly_chart(figure, key=f"chart_{key}", config=PLOTLY_CONFIG, theme="streamlit")
    with tab_table:
        table(data, lang, columns, key=f"tbl_{key}")
    cols = st.columns([4, 1], vertical_alignment="center")
    with cols[0]:
        st.caption(caption or t("source_registry", lang))
    with cols[1]:
        download(data, key, lang, key)


def page_header(state: ViewState, page_title_key: str | None = None) -> dict[str, Any]:
    """Breadcrumb, region title and (optionally) the page's name; returns the region's info row."""
    breadcrumb(state)
    info = region_info(state)
    region_title(info, state.lang)
    if page_title_key:
        st.header(t(page_title_key, state.lang), divider="gray")
    return info


def region_info(state: ViewState) -> dict[str, Any]:
    """The current region's row from region_info."""
    return q_row("region_info", adcode=state.region)


def parent_info(info: dict[str, Any]) -> dict[str, Any] | None:
    """The parent region's row, or None for the nation."""
    parent = info.get("parent_adcode")
    if parent is None or pd.isna(parent):
        return None
    return q_row("region_info", adcode=int(parent))


def display_name(info: dict[str, Any] | None, lang: str) -> str:
    """Region name in the language, 全国/China for the nation."""
    if not info:
        return ""
    return t("nation", lang) if int(info["adcode"]) == view.NATION else name_of(info, lang)

