"""Distributions for researchers: income, age, household size, education, health, labour ability,
each for the current region against its parent region."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard import charts
from dashboard import components as ui
from dashboard.data import q
from dashboard.i18n import name_of, t
from dashboard.state import ViewState


def _pair(state: ViewState, parent: dict | None, fetch: Callable[[int], pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    current = fetch(state.region)
    return current, (fetch(int(parent["adcode"])) if parent else None)


def _both(current: pd.DataFrame, parent: pd.DataFrame | None, names: tuple[str, str]) -> pd.DataFrame:
    """Both regions' rows in one table (a `region` column tells them apart), for the table tab and CSV."""
    frames = [current.assign(region=names[0])]
    if parent is not None:
        frames.append(parent.assign(region=names[1]))
    d = pd.concat(frames, ignore_index=True)
    return d[["region"] + [c for c in d.columns if c != "region"]]


def income_section(state: ViewState, parent: dict | None, names: tuple[str, str]) -> None:
    """Per-capita net income of households on register in the year."""
    lang = state.lang
    cur, par = _pair(state, parent, lambda a: q("income_histogram", adcode=a, year=state.year))
    ui.chart_block(
        t("income_title", lang, year=state.year),
        lambda: charts.income_histogram(cur, par, names=names, lang=lang),
        _both(cur, par, names),
        lang=lang,
        key=f"income_{state.region}_{state.year}",
        columns={"region": "region", "bin_lower": "bin_lower", "bin_upper": "bin_upper", "n_households": "n_households", "share_households": "share_households"},
        caption=f"{t('income_axis', lang)} · {t('source_registry', lang)}",
    )


def age_section(state: ViewState, parent: dict | None, names: tuple[str, str]) -> None:
    """Age pyramid of people on register in the year."""
    lang = state.lang
    cur, par = _pair(state, parent, lambda a: q("age_pyramid", adcode=a, year=state.year))
    table = _both(cur, par, names)
    table["sex"] = [t(s, lang) for s in table["sex"]]
    ui.chart_block(
        t("age_title", lang, year=state.year),
        lambda: charts.age_pyramid(cur, par, names=names, lang=lang),
        table,
        lang=lang,
        key=f"age_{state.region}_{state.year}",
        columns={"region": "region", "age_band": "age_band", "sex": "category", "n_people": "n_people", "share_people": "share_people"},
        caption=f"{t('unit_share', lang)} · {t('source_registry', lang)}",
    )


def size_section(state: ViewState, parent: dict | None, names: tuple[str, str]) -> None:
    """Households by number of members."""
    lang = state.lang
    cur, par = _pair(state, parent, lambda a: q("household_size_distribution", adcode=a))
    ui.chart_block(
        t("size_title", lang),
        lambda: charts.compare_bars(cur, par, key="size", label_of={}, value="share_households", names=names, lang=lang, x_title=t("size", lang)),
        _both(cur, par, names),
        lang=lang,
        key=f"size_{state.region}",
        columns={"region": "region", "size": "size", "n_households": "n_households", "share_households": "share_households"},
        caption=f"{t('unit_share', lang)} · {t('source_registry', lang)}",
    )


def _coded_section(domain: str, title_key: str):
    def section(state: ViewState, parent: dict | None, names: tuple[str, str]) -> None:
        lang = state.lang
        cur, par = _pair(state, parent, lambda a: q("people_by_attribute", adcode=a, domain=domain))
        labels = {r["code"]: name_of(r, lang) for r in cur.to_dict("records")}
        table = _both(cur, par, names)
        table["category"] = [labels.get(c, c) for c in table["code"]]
        ui.chart_block(
            t(title_key, lang),
            lambda: charts.compare_bars(cur, par, key="code", label_of=labels, value="share_people", names=names, lang=lang, x_title=t(title_key, lang)),
            table,
            lang=lang,
            key=f"people_by_{domain}_{state.region}",
            columns={"region": "region", "category": "category", "n_people": "n_people", "share_people": "share_people"},
            caption=f"{t('unit_share', lang)} · {t('source_registry', lang)}",
        )

    section.__name__ = f"people_by_{domain}_section"
    section.__doc__ = f"People by {title_key.removesuffix('_title')}, region against parent."
    return section


SECTIONS = (
    income_section,
    age_section,
    size_section,
    _coded_section("education", "education_title"),
    _coded_section("health", "health_title"),
    _coded_section("labour", "labour_title"),
)


def render() -> None:
    """The distributions page."""
    state = ui.current_view()
    info = ui.page_header(state, "page_distributions")
    parent = ui.parent_info(info)
    names = (ui.display_name(info, state.lang), ui.display_name(parent, state.lang))
    if parent:
        st.caption(t("compare_with", state.lang, name=names[1]))
    for section in SECTIONS:
        section(state, parent, names)


if __name__ == "__main__":
    render()
