"""Region overview: breadcrumb, key figures, the drill-down map of child regions, ranked table, villages.

The map section is a fragment, so its widgets don't rerun the page by themselves; but a map click, a pick
from the list or a new figure changes the URL, and those rerun the whole app at once: the breadcrumb,
the cards and the sidebar's links (which carry the view state) must follow. Each level's map has its
own widget key, so an old selection never replays.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import charts, maps
from dashboard import components as ui
from dashboard import state as view
from dashboard.data import q
from dashboard.i18n import name_of, t
from dashboard.state import BASE_METRICS, ViewState, metric_kind


@st.cache_data(show_spinner=False, max_entries=64)
def metric_options(lang: str) -> dict[str, str]:
    """Figures the map can show, metric key → label, including each cause's share and measure's coverage."""
    options = {m: t(m, lang) for m in BASE_METRICS}
    causes = q("households_by_cause", adcode=view.NATION, year=view.DEFAULT_YEAR)
    for r in causes.sort_values("cause_code").to_dict("records"):
        options[f"cause_{int(r['cause_code'])}"] = t("cause_share", lang, name=name_of(r, lang))
    measures = q("assistance_coverage", adcode=view.NATION, year=2020)
    options["measure_0"] = t("share_with_any_measure", lang)
    for r in measures.sort_values("measure_code").to_dict("records"):
        options[f"measure_{int(r['measure_code'])}"] = t("measure_share", lang, name=name_of(r, lang))
    return options


def child_figures(state: ViewState) -> pd.DataFrame:
    """child_region_figures for the year, plus a column named after the chosen cause/measure metric."""
    figures = q("child_region_figures", adcode=state.region, year=state.year)
    kind, code = metric_kind(state.metric)
    if kind == "base" or figures.empty:
        return figures
    if kind == "cause":
        extra = q("causes_by_child_region", adcode=state.region, year=state.year)
        extra = extra[extra["cause_code"] == code]
    else:
        extra = q("measure_coverage_by_child_region", adcode=state.region, year=state.year)
        extra = extra[extra["measure_code"] == code]
    extra = extra[["adcode", "share_households"]].rename(columns={"share_households": state.metric})
    return figures.merge(extra, on="adcode", how="left")


# cache_resource, not cache_data: the same figure object is handed out (never mutated), so a rerun skips
# unpickling the national map's ~0.5 MB of shapes.
@st.cache_resource(show_spinner=False, max_entries=512)
def map_figure(region: int, metric: str, year: int, lang: str, leaf: bool, metric_label: str):
    """The choropleth for a view, cached: a drill back up or a language switch reuses it."""
    state = ViewState(region=region, lang=lang, metric=metric, year=year)
    boundaries = q("child_boundaries", adcode=region)
    figures = pd.DataFrame() if leaf else child_figures(state)
    fig = maps.choropleth(boundaries, figures, metric, metric_label, lang, leaf=leaf)
    fig.update_layout(meta={"region": region})  # lets browser tests and the benchmark see which map is painted
    return fig


def _on_map_click(key: str) -> None:
    adcode = maps.clicked_adcode(st.session_state.get(key))
    if adcode is not None:
        ui.drill(adcode)


def _on_metric_change() -> None:
    # A full rerun, not just the fragment: the sidebar's page links must carry the new figure too.
    ui.navigate_app(metric=st.session_state["w_metric"])


@st.fragment
def map_section() -> None:
    """Figure picker, the map and the ranked child-region table (rerun alone when the figure changes)."""
    ui.rerun_app_if_asked()
    state = ui.current_view()
    lang = state.lang
    info = ui.region_info(state)
    leaf = int(info.get("n_children") or 0) == 0
    options = metric_options(lang)
    label = options.get(state.metric, t(state.metric, lang) if state.metric in BASE_METRICS else state.metric)
    if not leaf:
        st.session_state["w_metric"] = state.metric
        st.selectbox(t("metric", lang), list(options), format_func=lambda m: options.get(m, m), key="w_metric", on_change=_on_metric_change)
        st.caption(t("drill_hint", lang))
    fig = map_figure(state.region, state.metric, state.year, lang, leaf, label)
    key = f"map_{state.region}"
    if leaf:
        st.plotly_chart(fig, key=key, config=maps.MAP_CONFIG, theme=None)
        st.caption(t("county_map_caption", lang))
        return
    left, right = st.columns([3, 2])
    with left:
        st.plotly_chart(fig, key=key, on_select=lambda: _on_map_click(key), selection_mode="points", config=maps.MAP_CONFIG, theme=None)
        st.caption(t("map_caption", lang))
    with right:
        ui.drill_picker(state, q("child_regions", adcode=state.region))
        ranked_table(state, label)


def ranked_table(state: ViewState, metric_label: str) -> None:
    """Child regions ranked by the chosen figure: the map's table alternative, with a CSV download."""
    lang = state.lang
    figures = child_figures(state)
    if figures.empty or state.metric not in figures:
        return
    d = figures.sort_values(state.metric, ascending=False, na_position="last").reset_index(drop=True)
    d.insert(0, "rank", range(1, len(d) + 1))
    # Poor counties carry the map's dot in their name, so the narrow table needs no extra column.
    d.insert(1, "name", [name_of(r, lang) + (" ●" if r.get("is_poor_county") else "") for r in d.to_dict("records")])
    st.markdown(f"**{t('ranked_table', lang, metric=metric_label)}**")
    columns = {"rank": "rank", "name": "name", state.metric: metric_label}
    ui.table(d, lang, columns, key=f"rank_{state.region}", height=min(35 * len(d) + 38, 460))
    if d["is_poor_county"].any():
        st.caption(t("poor_county_mark", lang))
    ui.download(d.drop(columns=["level"]), f"{state.region}_{state.metric}_{state.year}", lang, f"rank_{state.region}")


def villages_section(state: ViewState, info: dict) -> None:
    """A county's villages with their figures and exit status."""
    lang = state.lang
    villages = q("villages_of_county", adcode=state.region, year=state.year)
    st.subheader(t("villages_title", lang, county=ui.display_name(info, lang), year=state.year))
    if villages.empty:
        st.info(t("no_data", lang))
        return
    columns = {
        "village_id": "village_id",
        "name_zh": "village_name",
        "is_poor_village": "is_poor_village",
        "exit_year": "exit_year",
        "is_exited": "is_exited",
        "has_work_team": "has_work_team",
        "has_first_secretary": "has_first_secretary",
        "n_households_on_register": "n_households_on_register",
        "n_people_on_register": "n_people_on_register",
        "n_people_remaining": "n_people_remaining",
        "share_people_exited": "share_people_exited",
    }
    ui.table(villages, lang, columns, key=f"villages_{state.region}", height=420)
    st.caption(t("villages_caption", lang))
    ui.download(villages, f"villages_{state.region}_{state.year}", lang, f"villages_{state.region}")


def render() -> None:
    """The region overview page."""
    state = ui.current_view()
    lang = state.lang
    ui.breadcrumb(state)
    info = ui.region_info(state)
    ui.region_title(info, lang)
    cards = st.container()
    # The map is sent before the cards are filled in: the browser starts loading plotly.js (the bulk of
    # first paint) as soon as it sees the first chart.
    map_section()
    by_year = q("key_figures_by_year", adcode=state.region)
    with cards:
        st.subheader(t("key_figures", lang, year=state.year))
        # a county's own poor-county status is in its title; counting exited poor counties says nothing there
        columns = [c for c in ui.KEY_FIGURES if not (info.get("level") == "county" and c.startswith("n_poor_counties"))]
        ui.key_figures(by_year, state, columns)
    if int(info.get("n_children") or 0) == 0:
        villages_section(state, info)
    trend_section(state, by_year)


def trend_section(state: ViewState, by_year: pd.DataFrame) -> None:
    """The register over the years: on register, remaining, exited (people)."""
    lang = state.lang
    cols = ["n_people_on_register", "n_people_remaining", "n_people_exited"]
    ui.chart_block(
        t("trend", lang),
        lambda: charts.trend_lines(by_year, cols, lang),
        by_year,
        lang=lang,
        key=f"trend_{state.region}",
        columns={c: c for c in ["year", *cols, "n_households_on_register", "n_households_remaining", "share_people_exited"]},
        caption=f"{t('unit_people', lang)} · {t('source_registry', lang)}",
    )

if __name__ == "__main__":
    render()
