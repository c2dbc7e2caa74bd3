"""Data & methods: where the data comes from, the data dictionary, the calibration figures."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from dashboard import components as ui
from dashboard import data
from dashboard.data import q
from dashboard.i18n import STRINGS, t


def meta_section(lang: str) -> None:
    """The snapshot's meta row and its row counts."""
    st.subheader(t("meta_title", lang))
    meta = data.meta()
    source = meta.get("source")
    label = t("source_synthetic", lang) if source == "synthetic" else t("source_imported", lang) if source == "imported" else source
    rows = [(t("meta_source", lang), label)] + [
        (t(f"meta_{k}", lang) if f"meta_{k}" in STRINGS else k, str(v)) for k, v in meta.items() if k not in ("source", "row_counts")
    ]
    st.table(pd.DataFrame(rows, columns=[t("field", lang), t("value", lang)]).set_index(t("field", lang)))
    counts = meta.get("row_counts")
    if isinstance(counts, str):
        counts = json.loads(counts)
    if counts:
        st.caption(t("row_counts", lang))
        df = pd.DataFrame(sorted(counts.items()), columns=["table_name", "n_rows"])
        ui.table(df, lang, {"table_name": "table_name", "n_rows": "n_rows"}, key="row_counts")
    st.caption(t("methods_note", lang))


def dictionary_section(lang: str) -> None:
    """Every table and column with its description in the chosen language."""
    st.subheader(t("dictionary_title", lang))
    df = q("data_dictionary").copy()
    df["comment"] = df["comment_zh"] if lang == "zh" else df["comment_en"]
    columns = {"table_name": "table_name", "column_name": "column_name", "data_type": "data_type", "comment": "comment"}
    ui.table(df, lang, columns, key="dictionary", height=420)
    ui.download(df, "data_dictionary", lang, "dictionary")


def calibration_section(lang: str) -> None:
    """Snapshot figures against the published figures they were calibrated to."""
    st.subheader(t("calibration_title", lang))
    df = q("calibration_figures").copy()
    if df.empty:
        st.info(t("no_data", lang))
        return
    df["description"] = df["description_zh"] if lang == "zh" else df["description_en"]
    cols = ["figure_id", "description", "unit", "published_value", "expected_value", "snapshot_value", "error", "tolerance", "ok", "confidence", "source"]
    st.dataframe(df[[c for c in cols if c in df.columns]], hide_index=True, key="calibration")
    st.caption(t("calibration_caption", lang))
    ui.download(df, "calibration_figures", lang, "calibration")


SECTIONS = (meta_section, dictionary_section, calibration_section)


def render() -> None:
    """The data & methods page."""
    lang = ui.current_view().lang
    st.title(t("page_methods", lang))
    for section in SECTIONS:
        section(lang)


if __name__ == "__main__":
    render()
