"""Chart builders: pure functions from query results (DataFrames) to plotly Figures.

No streamlit here, so each builder is unit-tested on small frames. Builders take `lang` and put every
label, axis title and hover text in that language; large counts are scaled to 万 in Chinese
(plotly cannot format ticks that way), shares (0–1) are shown as percentages.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from dashboard.i18n import axis_scale, axis_tickformat, fmt_count, fmt_share, name_of, t

FONT = "Source Sans, Noto Sans CJK SC, Noto Sans SC, sans-serif"
CURRENT = "#c0392b"  # the app's primary colour: the region being viewed
PARENT = "#7f8c8d"  # its parent region, for comparison
PALETTE = ["#c0392b", "#2980b9", "#27ae60", "#8e44ad", "#d35400", "#16a085", "#7f8c8d", "#f39c12"]


def _layout(fig: go.Figure, *, height: int = 380, **kwargs) -> go.Figure:
    fig.update_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        font={"family": FONT},
        hoverlabel={"font": {"family": FONT}},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        **kwargs,
    )
    return fig


def empty_figure(lang: str) -> go.Figure:
    """A blank figure saying there is no data (instead of an empty canvas)."""
    fig = go.Figure()
    fig.add_annotation(text=t("no_data", lang), showarrow=False, font={"size": 16})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _layout(fig, height=200)


def _names(df: pd.DataFrame, lang: str) -> list[str]:
    return [name_of(r, lang) for r in df.to_dict("records")]


def _count_axis(values: Sequence[float], lang: str, base_title: str) -> tuple[float, str]:
    """Divisor and axis title ('人数（万）') for a count axis."""
    mx = max((float(v) for v in values if pd.notna(v)), default=0.0)
    divisor, unit = axis_scale(mx, lang)
    return divisor, (f"{base_title}（{unit}）" if unit else base_title)


def trend_lines(df: pd.DataFrame, columns: Sequence[str], lang: str, *, height: int = 320) -> go.Figure:
    """Lines of several yearly counts (key_figures_by_year / flows_by_year) against year."""
    if df.empty:
        return empty_figure(lang)
    divisor, ytitle = _count_axis(df[list(columns)].to_numpy().ravel(), lang, t("n_people", lang))
    fig = go.Figure()
    for i, col in enumerate(columns):
        fig.add_trace(
            go.Scatter(
                x=df["year"],
                y=df[col] / divisor,
                name=t(col, lang),
                mode="lines+markers",
                line={"color": PALETTE[i % len(PALETTE)]},
                customdata=[fmt_count(v, lang) for v in df[col]],
                hovertemplate="%{x}: %{customdata}<extra>" + t(col, lang) + "</extra>",
            )
        )
    fig.update_xaxes(title=t("year", lang), dtick=1)
    fig.update_yaxes(title=ytitle, tickformat=axis_tickformat(lang), rangemode="tozero")
    return _layout(fig, height=height)


def share_bars(
    df: pd.DataFrame,
    lang: str,
    *,
    share_col: str = "share_households",
    count_col: str | None = "n_households",
    labels: Sequence[str] | None = None,
    axis_title: str | None = None,
    color: str = CURRENT,
) -> go.Figure:
    """Horizontal bars of shares by category (causes, measures, indicators), largest on top."""
    if df.empty:
        return empty_figure(lang)
    d = df.copy()
    d["_label"] = list(labels) if labels is not None else _names(d, lang)
    d = d.sort_values(share_col, ascending=True)
    hover = [
        f"{fmt_share(s, lang)}" + (f" · {fmt_count(c, lang)}" if count_col else "")
        for s, c in zip(d[share_col], d[count_col] if count_col else d[share_col], strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            x=d[share_col] * 100,
            y=d["_label"],
            orientation="h",
            marker_color=color,
            customdata=hover,
            hovertemplate="%{y}: %{customdata}<extra></extra>",
            text=[fmt_share(s, lang) for s in d[share_col]],
            textposition="outside",
            cliponaxis=False,
        )
    )
    fig.update_xaxes(title=axis_title or t("share", lang) + " (%)", ticksuffix="%", rangemode="tozero")
    fig.update_yaxes(title=None, automargin=True)
    return _layout(fig, height=max(220, 28 * len(d) + 80))


def compare_bars(
    current: pd.DataFrame,
    parent: pd.DataFrame | None,
    *,
    key: str,
    label_of: dict,
    value: str,
    names: tuple[str, str],
    lang: str,
    x_title: str,
) -> go.Figure:
    """Grouped bars of a share distribution for the region and its parent, one group per category."""
    if current.empty:
        return empty_figure(lang)
    fig = go.Figure()
    frames = [(current, names[0], CURRENT)] + ([(parent, names[1], PARENT)] if parent is not None and not parent.empty else [])
    for frame, name, color in frames:
        fig.add_trace(
            go.Bar(
                x=[label_of.get(k, str(k)) for k in frame[key]],
                y=frame[value] * 100,
                name=name,
                marker_color=color,
                customdata=[fmt_share(v, lang) for v in frame[value]],
                hovertemplate="%{x}: %{customdata}<extra>" + name + "</extra>",
            )
        )
    fig.update_layout(barmode="group")
    fig.update_xaxes(title=x_title, type="category")
    fig.update_yaxes(title=t("share", lang) + " (%)", ticksuffix="%")
    return _layout(fig)


def _closed_bins(df: pd.DataFrame) -> pd.DataFrame:
    """Bin midpoints, widths and labels; the open last bin (bin_upper NULL) gets the usual width."""
    d = df.copy()
    widths = (d["bin_upper"] - d["bin_lower"]).astype("Float64")
    usual = float(widths.dropna().median()) if widths.notna().any() else 1000.0
    d["_width"] = widths.fillna(usual).astype(float)
    d["_mid"] = d["bin_lower"].astype(float) + d["_width"] / 2
    d["_label"] = [f"{int(lo):,}–{int(hi):,}" if pd.notna(hi) else f"≥ {int(lo):,}" for lo, hi in zip(d["bin_lower"], d["bin_upper"], strict=True)]
    return d


def income_histogram(current: pd.DataFrame, parent: pd.DataFrame | None, *, names: tuple[str, str], lang: str) -> go.Figure:
    """Share of households by per-capita income bin, the parent as a line, the poverty line marked."""
    if current.empty:
        return empty_figure(lang)
    cur = _closed_bins(current)
    fig = go.Figure(
        go.Bar(
            x=cur["_mid"],
            y=cur["share_households"] * 100,
            width=cur["_width"] * 0.95,
            name=names[0],
            marker_color=CURRENT,
            customdata=[
                f"{lab}: {fmt_share(s, lang)} · {fmt_count(n, lang)}" for lab, s, n in zip(cur["_label"], cur["share_households"], cur["n_households"], strict=True)
            ],
            hovertemplate="%{customdata}<extra>" + names[0] + "</extra>",
        )
    )
    if parent is not None and not parent.empty:
        fig.add_trace(
            go.Scatter(
                x=_closed_bins(parent)["_mid"],
                y=parent["share_households"] * 100,
                name=names[1],
                mode="lines",
                line={"color": PARENT, "shape": "hvh", "width": 2},
                customdata=[fmt_share(s, lang) for s in parent["share_households"]],
                hovertemplate="%{customdata}<extra>" + names[1] + "</extra>",
            )
        )
    line = current["poverty_line"].dropna()
    if not line.empty:
        value = float(line.iloc[0])
        fig.add_vline(x=value, line_dash="dash", line_color="#333", annotation_text=t("poverty_line", lang, line=f"{int(value):,}"))
    fig.update_xaxes(title=t("income_axis", lang), tickformat=",")
    fig.update_yaxes(title=t("share_households", lang) + " (%)", ticksuffix="%")
    return _layout(fig)


def age_pyramid(current: pd.DataFrame, parent: pd.DataFrame | None, *, names: tuple[str, str], lang: str) -> go.Figure:
    """Population pyramid in shares of people: men left, women right; the parent as outlines."""
    if current.empty:
        return empty_figure(lang)
    order = current.drop_duplicates("age_band").sort_values("age_band_start")["age_band"].tolist()
    fig = go.Figure()

    def add(frame: pd.DataFrame, name: str, outline: bool) -> None:
        for sex, sign, color in (("male", -1, "#2980b9"), ("female", 1, "#c0392b")):
            d = frame[frame["sex"] == sex].set_index("age_band").reindex(order)
            shares = d["share_people"].fillna(0)
            fig.add_trace(
                go.Bar(
                    y=order,
                    x=sign * shares * 100,
                    orientation="h",
                    name=f"{t(sex, lang)} · {name}",
                    marker={"color": "rgba(0,0,0,0)" if outline else color, "line": {"color": PARENT if outline else color, "width": 1.5 if outline else 0}},
                    customdata=[fmt_share(s, lang) for s in shares],
                    hovertemplate="%{y}: %{customdata}<extra>" + f"{t(sex, lang)} · {name}" + "</extra>",
                )
            )

    add(current, names[0], outline=False)
    if parent is not None and not parent.empty:
        add(parent, names[1], outline=True)
    fig.update_layout(barmode="overlay", bargap=0.05)
    mx = float(current["share_people"].max() * 100) * 1.15 if not current.empty else 10
    ticks = [v for v in range(-30, 31, 2) if abs(v) <= mx]
    fig.update_xaxes(title=t("share_people", lang) + " (%)", tickvals=ticks, ticktext=[f"{abs(v)}%" for v in ticks], range=[-mx, mx])
    fig.update_yaxes(title=t("age_band", lang), type="category", categoryorder="array", categoryarray=order)
    return _layout(fig, height=460)


def causes_heatmap(df: pd.DataFrame, cause_labels: dict, lang: str) -> go.Figure:
    """Child regions × causes, coloured by the share of households with that main cause.

    df: causes_by_child_region; cause_labels: cause_code → name in `lang`.
    """
    if df.empty:
        return empty_figure(lang)
    d = df.copy()
    d["_region"] = _names(d, lang)
    pivot = d.pivot_table(index="_region", columns="cause_code", values="share_households", aggfunc="sum").fillna(0)
    fig = go.Figure(
        go.Heatmap(
            z=pivot.to_numpy() * 100,
            x=[cause_labels.get(int(c), str(c)) for c in pivot.columns],
            y=pivot.index.tolist(),
            colorscale="Purples",
            colorbar={"title": {"text": "%"}, "thickness": 12},
            hovertemplate="%{y} · %{x}: %{z:.1f}%<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(tickangle=-35)
    return _layout(fig, height=max(320, 22 * len(pivot) + 140))


def exits_by_year(df: pd.DataFrame, lang: str) -> go.Figure:
    """People exited per year as bars, households as a line on the same axis."""
    if df.empty:
        return empty_figure(lang)
    divisor, ytitle = _count_axis(df["n_people_exited"], lang, t("n_people", lang))
    fig = go.Figure(
        [
            go.Bar(
                x=df["year"],
                y=df["n_people_exited"] / divisor,
                name=t("n_people_exited", lang),
                marker_color="#27ae60",
                customdata=[fmt_count(v, lang) for v in df["n_people_exited"]],
                hovertemplate="%{x}: %{customdata}<extra>" + t("n_people_exited", lang) + "</extra>",
            ),
            go.Scatter(
                x=df["year"],
                y=df["n_households_exited"] / divisor,
                name=t("n_households_exited", lang),
                mode="lines+markers",
                line={"color": "#2c3e50"},
                customdata=[fmt_count(v, lang) for v in df["n_households_exited"]],
                hovertemplate="%{x}: %{customdata}<extra>" + t("n_households_exited", lang) + "</extra>",
            ),
        ]
    )
    fig.update_xaxes(title=t("year", lang), dtick=1)
    fig.update_yaxes(title=ytitle, tickformat=axis_tickformat(lang))
    return _layout(fig)


def counties_by_batch(df: pd.DataFrame, lang: str) -> go.Figure:
    """Poor counties by 摘帽 batch year, with the listed-supervision (挂牌督战) counties stacked apart."""
    if df.empty:
        return empty_figure(lang)
    others = df["n_poor_counties"] - df["n_guapai"].fillna(0)
    fig = go.Figure(
        [
            go.Bar(x=df["exit_batch_year"], y=others, name=t("n_poor_counties", lang), marker_color="#e67e22"),
            go.Bar(x=df["exit_batch_year"], y=df["n_guapai"], name=t("n_guapai", lang), marker_color="#8e1b10"),
        ]
    )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title=t("exit_batch", lang), dtick=1)
    fig.update_yaxes(title=t("axis_counties", lang))
    return _layout(fig)


def flows_sankey(df: pd.DataFrame, lang: str) -> go.Figure:
    """Sankey of people over 2014–2020: entered and returned flow onto the register, which empties
    into exited, removed and (at the end) remaining."""
    if df.empty:
        return empty_figure(lang)
    entered = float(df["n_people_entered"].sum())
    returned = float(df["n_people_returned"].sum())
    exited = float(df["n_people_exited"].sum())
    removed = float(df["n_people_removed"].sum())
    remaining = float(df.sort_values("year")["n_people_remaining"].iloc[-1])
    labels = [
        t("flow_entered", lang),
        t("flow_returned", lang),
        t("n_people_on_register", lang),
        t("flow_exited", lang),
        t("flow_removed", lang),
        t("flow_remaining", lang),
    ]
    values = [entered, returned, exited, removed, remaining]
    fig = go.Figure(
        go.Sankey(
            arrangement="fixed",
            node={
                "label": [f"{lab} {fmt_count(v, lang)}" for lab, v in zip(labels, [entered, returned, entered + returned, exited, removed, remaining], strict=True)],
                "color": ["#2980b9", "#8e44ad", "#c0392b", "#27ae60", "#7f8c8d", "#e67e22"],
                "pad": 18,
                "thickness": 18,
                "x": [0.01, 0.01, 0.45, 0.99, 0.99, 0.99],
                "y": [0.35, 0.9, 0.45, 0.3, 0.75, 0.92],
                "hovertemplate": "%{label}<extra></extra>",
            },
            link={
                "source": [0, 1, 2, 2, 2],
                "target": [2, 2, 3, 4, 5],
                "value": values,
                "customdata": [fmt_count(v, lang) for v in values],
                "hovertemplate": "%{source.label} → %{target.label}: %{customdata}<extra></extra>",
                "color": ["rgba(41,128,185,0.35)", "rgba(142,68,173,0.35)", "rgba(39,174,96,0.35)", "rgba(127,140,141,0.35)", "rgba(230,126,34,0.35)"],
            },
            valueformat=",",
        )
    )
    return _layout(fig, height=380)


def flows_by_year(df: pd.DataFrame, lang: str) -> go.Figure:
    """Entries, removals, exits and returns per year as grouped bars."""
    cols = ["n_people_entered", "n_people_removed", "n_people_exited", "n_people_returned"]
    if df.empty:
        return empty_figure(lang)
    divisor, ytitle = _count_axis(df[cols].to_numpy().ravel(), lang, t("n_people", lang))
    colors = {"n_people_entered": "#2980b9", "n_people_removed": "#7f8c8d", "n_people_exited": "#27ae60", "n_people_returned": "#8e44ad"}
    fig = go.Figure(
        [
            go.Bar(
                x=df["year"],
                y=df[c] / divisor,
                name=t(c, lang),
                marker_color=colors[c],
                customdata=[fmt_count(v, lang) for v in df[c]],
                hovertemplate="%{x}: %{customdata}<extra>" + t(c, lang) + "</extra>",
            )
            for c in cols
        ]
    )
    fig.update_layout(barmode="group")
    fig.update_xaxes(title=t("year", lang), dtick=1)
    fig.update_yaxes(title=ytitle, tickformat=axis_tickformat(lang))
    return _layout(fig)
