"""Progress and flows: exits per year, poor counties by 摘帽 batch, lagging counties, the flows Sankey."""

from __future__ import annotations

import streamlit as st

from dashboard import charts
from dashboard import components as ui
from dashboard.data import q
from dashboard.i18n import t
from dashboard.state import ViewState


def exits_section(state: ViewState) -> None:
    """People and households exiting poverty each year."""
    lang = state.lang
    df = q("exits_by_year", adcode=state.region)
    ui.chart_block(
        t("exits_title", lang),
        lambda: charts.exits_by_year(df, lang),
        df,
        lang=lang,
        key=f"exits_{state.region}",
        columns={c: c for c in ("year", "n_people_exited", "n_households_exited", "n_poor_villages_exited", "n_poor_counties_exited")},
        caption=f"{t('unit_people', lang)} · {t('source_registry', lang)}",
    )


def batches_section(state: ViewState) -> None:
    """Poor counties by exit batch year (nothing to show for a county that is not poor)."""
    lang = state.lang
    df = q("poor_counties_by_batch", adcode=state.region)
    if df.empty:
        return
    ui.chart_block(
        t("batch_title", lang),
        lambda: charts.counties_by_batch(df, lang),
        df,
        lang=lang,
        key=f"batch_{state.region}",
        columns={"exit_batch_year": "exit_batch", "n_poor_counties": "n_poor_counties", "n_guapai": "n_guapai"},
        caption=f"{t('unit_counties', lang)} · {t('source_registry', lang)}",
    )


def lagging_section(state: ViewState) -> None:
    """Poor counties furthest behind the progress their exit batch implies."""
    lang = state.lang
    df = q("lagging_counties", adcode=state.region, year=state.year, limit=20)
    if df.empty:
        return
    d = ui.with_names(df, lang)
    st.subheader(t("lagging_title", lang, year=state.year))
    columns = {
        "name": "name",
        "adcode": "adcode",
        "exit_batch_year": "exit_batch",
        "is_guapai_2020": "guapai",
        "n_people_on_register": "n_people_on_register",
        "n_people_remaining": "n_people_remaining",
        "share_people_remaining": "share_people_remaining",
        "expected_share_remaining": "expected_share_remaining",
        "gap": "gap",
    }
    ui.table(d, lang, columns, key=f"lag_{state.region}_{state.year}")
    st.caption(t("lagging_caption", lang))
    ui.download(d[list(columns)], f"lagging_{state.region}_{state.year}", lang, f"lag_{state.region}")


def flows_section(state: ViewState) -> None:
    """Entries, removals, exits and returns: a Sankey over 2014–2020, then per year."""
    lang = state.lang
    df = q("flows_by_year", adcode=state.region)
    columns = {c: c for c in ("year", "n_people_entered", "n_people_removed", "n_people_exited", "n_people_returned", "n_people_remaining")}
    ui.chart_block(
        t("flows_title", lang),
        lambda: charts.flows_sankey(df, lang),
        df,
        lang=lang,
        key=f"sankey_{state.region}",
        columns=columns,
        caption=f"{t('flows_caption', lang)} {t('source_registry', lang)}",
    )
    ui.chart_block(
        t("flows_by_year", lang),
        lambda: charts.flows_by_year(df, lang),
        df,
        lang=lang,
        key=f"flows_{state.region}",
        columns=columns,
        caption=f"{t('unit_people', lang)} · {t('source_registry', lang)}",
    )


SECTIONS = (exits_section, batches_section, lagging_section, flows_section)


def render() -> None:
    """The progress & flows page."""
    state = ui.current_view()
    ui.page_header(state, "page_progress")
    for section in SECTIONS:
        section(state)


if __name__ == "__main__":
    render()
