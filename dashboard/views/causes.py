"""Causes of poverty and assistance: main causes, causes by child region, measures, helpers, 两不愁三保障."""

from __future__ import annotations

import streamlit as st

from dashboard import charts
from dashboard import components as ui
from dashboard.data import q, q_row
from dashboard.i18n import name_of, t
from dashboard.state import ViewState


def causes_section(state: ViewState) -> None:
    """Main causes of poverty of the households on register in the year."""
    lang = state.lang
    df = ui.with_names(q("households_by_cause", adcode=state.region, year=state.year), lang)
    ui.chart_block(
        t("causes_title", lang, year=state.year),
        lambda: charts.share_bars(df, lang, labels=df["name"]),
        df,
        lang=lang,
        key=f"causes_{state.region}_{state.year}",
        columns={"name": "cause", "n_households": "n_households", "share_households": "share_households", "n_people": "n_people", "share_people": "share_people"},
        caption=f"{t('unit_share', lang)} · {t('source_registry', lang)}",
    )


def causes_by_child_section(state: ViewState) -> None:
    """Heatmap of child regions × causes."""
    lang = state.lang
    df = q("causes_by_child_region", adcode=state.region, year=state.year)
    if df.empty:
        return
    causes = q("households_by_cause", adcode=state.region, year=state.year)
    labels = {int(r["cause_code"]): name_of(r, lang) for r in causes.to_dict("records")}
    table = ui.with_names(df, lang)
    table["cause"] = [labels.get(int(c), str(c)) for c in table["cause_code"]]
    ui.chart_block(
        t("causes_by_child", lang),
        lambda: charts.causes_heatmap(df, labels, lang),
        table,
        lang=lang,
        key=f"causes_child_{state.region}_{state.year}",
        columns={"name": "name", "adcode": "adcode", "cause": "cause", "n_households": "n_households", "share_households": "share_households"},
        caption=f"{t('unit_share', lang)} · {t('source_registry', lang)}",
    )


def assistance_section(state: ViewState) -> None:
    """Helpers and measures: summary cards, then coverage of each measure."""
    lang = state.lang
    summary = q_row("assistance_summary", adcode=state.region, year=state.year)
    st.subheader(t("helpers_title", lang))
    ui.summary_cards(
        {k: summary.get(k) for k in ("share_with_any_measure", "share_with_helper", "n_helpers", "n_people_relocated", "n_eco_rangers")},
        lang,
    )
    df = ui.with_names(q("assistance_coverage", adcode=state.region, year=state.year), lang)
    ui.chart_block(
        t("assistance_title", lang, year=state.year),
        lambda: charts.share_bars(df, lang, labels=df["name"], color="#27ae60"),
        df,
        lang=lang,
        key=f"measures_{state.region}_{state.year}",
        columns={"name": "measure", "n_households": "n_households", "share_households": "share_households"},
        caption=f"{t('unit_share', lang)} · {t('source_registry', lang)}",
    )


def basic_needs_section(state: ViewState) -> None:
    """两不愁三保障: housing, water, insurance, schooling (as of 2020)."""
    lang = state.lang
    df = q("basic_needs_indicators", adcode=state.region).copy()
    df["name"] = [t(f"ind_{i}", lang) if f"ind_{i}" in _IND else i for i in df["indicator"]]
    ui.chart_block(
        t("basic_needs_title", lang),
        lambda: charts.share_bars(df, lang, share_col="share", count_col="n_households", labels=df["name"], color="#2980b9"),
        df,
        lang=lang,
        key=f"basic_{state.region}",
        columns={"name": "indicator", "n_households": "n_households", "n_base": "n_base", "share": "share"},
        caption=f"{t('unit_share', lang)} · {t('source_registry', lang)}",
    )


_IND = {f"ind_{k}" for k in ("housing_safe", "housing_renovated", "housing_relocated", "safe_water", "piped_water", "all_insured", "school_age_in_school")}
SECTIONS = (causes_section, causes_by_child_section, assistance_section, basic_needs_section)


def render() -> None:
    """The causes & assistance page."""
    state = ui.current_view()
    ui.page_header(state, "page_causes")
    for section in SECTIONS:
        section(state)


if __name__ == "__main__":
    render()
