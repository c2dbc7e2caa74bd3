"""Choropleth maps of a region's children, drawn with no tiles and no network access.

SVG `go.Choropleth` on a geo subplot with the base map hidden. Plotly still loads a world topojson for
geo subplots, so the chart config points `topojsonURL` at our own empty one (dashboard/static, served by
Streamlit's static serving): nothing comes from a CDN. Only the child regions' simplified shapes are
sent, with coordinates rounded to ~100 m, which keeps a drill step's payload small.

Why not `go.Choroplethmap` (MapLibre)? In the plotly.js bundled with Streamlit 1.67 its hover and click
stop working after Streamlit's second render (calcdata is rebuilt without the features), so a map click
never reaches the app. SVG geo traces redraw fully and their clicks are reliable.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.i18n import axis_scale, fmt_value, name_of, t
from dashboard.state import is_share_metric

MAP_HEIGHT = 540
# Relative, so it also works under a server.baseUrlPath; the file is an empty world (see module doc).
MAP_CONFIG: dict[str, Any] = {"displaylogo": False, "topojsonURL": "app/static/", "modeBarButtonsToRemove": ["lasso2d", "select2d"]}

# Good figures are green, bad ones red; counts of registered people/households read as burden (reds).
_GOOD = ("share_people_exited", "share_with_helper", "share_with_any_measure", "n_people_exited", "n_poor_counties_exited")


def colorscale_for(metric: str) -> str:
    """Plotly colour scale name for a figure: greens for progress/coverage, reds for burden."""
    if metric in _GOOD or metric.startswith("measure_"):
        return "Greens"
    if metric.startswith("cause_"):
        return "Purples"
    return "Reds"


def _round_coords(coords: Any, digits: int) -> Any:
    """Round every position; in rings, drop positions that rounding made repeat the one before."""
    if isinstance(coords, (list, tuple)):
        if coords and isinstance(coords[0], (int, float)):
            return [round(float(c), digits) for c in coords]
        out = [_round_coords(c, digits) for c in coords]
        if out and isinstance(out[0], list) and out[0] and isinstance(out[0][0], float):  # a ring
            ring = [p for i, p in enumerate(out) if i == 0 or p != out[i - 1]]
            return ring if len(ring) >= 4 else out
        return out
    return coords


def _walk_points(coords: Any):
    if isinstance(coords, (list, tuple)) and coords:
        if isinstance(coords[0], (int, float)):
            yield coords
        else:
            for c in coords:
                yield from _walk_points(c)


def feature_collection(boundaries: pd.DataFrame, digits: int | None = None) -> tuple[dict[str, Any], list[float]]:
    """GeoJSON FeatureCollection (feature id = adcode as text) and its bbox [min_lon, min_lat, max_lon, max_lat].

    A map spanning over 15° (the nation, where a pixel is several km) is simplified further to about half
    a pixel and rounded to 2 decimals (~1 km), which halves the national map's payload; smaller maps keep
    the snapshot's shapes, rounded to 3 decimals (~100 m). `digits` forces the rounding and skips that.
    """
    geoms = []
    for row in boundaries.itertuples(index=False):
        geom = json.loads(row.geojson) if isinstance(row.geojson, str) else row.geojson
        geoms.append((str(int(row.adcode)), geom["geometry"] if geom.get("type") == "Feature" else geom))
    bbox = [math.inf, math.inf, -math.inf, -math.inf]
    for _, geom in geoms:
        for lon, lat in _walk_points(geom["coordinates"]):
            bbox = [min(bbox[0], lon), min(bbox[1], lat), max(bbox[2], lon), max(bbox[3], lat)]
    if not geoms:
        bbox = [73.5, 18.0, 135.1, 53.6]  # China, so an empty map still shows a sensible view
    span = max(bbox[2] - bbox[0], bbox[3] - bbox[1])
    if digits is None and span > 15:
        import shapely  # only for the largest maps; imported here to keep the module light
        from shapely.geometry import mapping, shape

        tolerance = span / 1500
        geoms = [(gid, mapping(shapely.simplify(shape(g), tolerance, preserve_topology=True))) for gid, g in geoms]
        digits = 2
    digits = 3 if digits is None else digits
    features = [
        {"type": "Feature", "id": gid, "properties": {}, "geometry": {"type": g["type"], "coordinates": _round_coords(g["coordinates"], digits)}}
        for gid, g in geoms
    ]
    return {"type": "FeatureCollection", "features": features}, [round(v, 3) for v in bbox]


def choropleth(
    boundaries: pd.DataFrame,
    figures: pd.DataFrame,
    metric: str,
    metric_label: str,
    lang: str,
    *,
    leaf: bool = False,
) -> go.Figure:
    """Map of child regions coloured by `figures[metric]`; poor counties get a dot at their centroid.

    boundaries: adcode, geojson, centroid_lon, centroid_lat (child_boundaries).
    figures: adcode, name_zh, name_en, is_poor_county and the metric column (child_region_figures,
    possibly joined with a cause/measure share). With leaf=True the region is a county: its own
    shape is drawn in one colour and nothing is clickable.
    """
    fc, bbox = feature_collection(boundaries)
    fig = go.Figure()
    if leaf or figures.empty or metric not in figures.columns:
        fig.add_trace(
            go.Choropleth(
                geojson=fc,
                locations=[f["id"] for f in fc["features"]],
                z=[1] * len(fc["features"]),
                featureidkey="id",
                colorscale=[[0, "#f4cccc"], [1, "#f4cccc"]],
                showscale=False,
                marker={"line": {"color": "#8b1a1a", "width": 1.5}},
                hoverinfo="skip",
            )
        )
    else:
        df = boundaries[["adcode", "centroid_lon", "centroid_lat"]].merge(figures, on="adcode", how="left")
        values = pd.to_numeric(df[metric], errors="coerce")
        share = is_share_metric(metric)
        divisor, unit = (1.0, "") if share else axis_scale(float(values.max() or 0), lang)
        names = [name_of(r, lang) for r in df.to_dict("records")]
        poor = df["is_poor_county"].fillna(False).astype(bool) if "is_poor_county" in df else pd.Series(False, index=df.index)
        poor_label = t("poor_county", lang)
        text = [
            f"<b>{n}</b>" + ((f"（{poor_label}）" if lang == "zh" else f" ({poor_label})") if p else "") + f"<br>{metric_label}: {fmt_value(v, metric, lang)}"
            for n, v, p in zip(names, values, poor, strict=True)
        ]
        locations = df["adcode"].astype(int).astype(str).tolist()
        fig.add_trace(
            go.Choropleth(
                geojson=fc,
                featureidkey="id",
                locations=locations,
                z=(values * 100 if share else values / divisor).tolist(),
                text=text,
                hovertemplate="%{text}<extra></extra>",
                colorscale=colorscale_for(metric),
                # all shares equal (e.g. every child at 100% exited): a 0–100% scale, not 99.6–100.4
                **({"zmin": 0, "zmax": 100} if share and values.notna().any() and values.max() - values.min() < 1e-9 else {}),
                marker={"line": {"color": "#ffffff", "width": 0.7}},
                colorbar={"title": {"text": unit or ("%" if share else "")}, "thickness": 12, "len": 0.75, "tickformat": ","},
                selected={"marker": {"opacity": 1.0}},
                unselected={"marker": {"opacity": 1.0}},  # a click navigates away; don't grey out the rest
                name="",
            )
        )
        missing = values.isna()
        if missing.any():
            # Regions without registered households (e.g. Hong Kong's districts): grey, still clickable.
            fig.add_trace(_subset_trace(fc, [loc for loc, m in zip(locations, missing, strict=True) if m], [text[i] for i in df.index[missing]], fill="#eeeeee", line="#ffffff", width=0.7))
        if poor.any():
            # Poor counties: a dark outline around the shape and a dot at its centroid. The outline trace
            # carries only the poor counties' shapes, so the payload doesn't double.
            fig.add_trace(_subset_trace(fc, [loc for loc, p in zip(locations, poor, strict=True) if p], [text[i] for i in df.index[poor]], fill="rgba(0,0,0,0)", line="#1f1f1f", width=1.6, name=poor_label))
            pts = df[poor]
            fig.add_trace(
                go.Scattergeo(
                    lon=pts["centroid_lon"],
                    lat=pts["centroid_lat"],
                    mode="markers",
                    marker={"size": 6, "color": "#1f1f1f", "symbol": "circle"},
                    customdata=pts["adcode"].astype(int).astype(str),
                    text=[text[i] for i in pts.index],
                    hovertemplate="%{text}<extra></extra>",
                    unselected={"marker": {"opacity": 1.0}},
                    name=poor_label,
                )
            )
    fig.update_geos(
        visible=False,  # no base map: only our shapes
        projection_type="mercator",
        lonaxis_range=[bbox[0], bbox[2]],
        lataxis_range=[bbox[1], bbox[3]],
        fitbounds="locations",
        bgcolor="rgba(0,0,0,0)",
    )
    fig.update_layout(
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        height=360 if leaf else MAP_HEIGHT,  # a county's own outline needs less room than a map to click
        showlegend=False,
        clickmode="event+select",
        dragmode="pan",
        hoverlabel={"font": {"family": "Noto Sans CJK SC, Source Sans, sans-serif"}},
    )
    return fig


def _subset_trace(fc: dict[str, Any], ids: list[str], text: list[str], *, fill: str, line: str, width: float, name: str = "") -> go.Choropleth:
    """A single-colour choropleth over some of the features (with only their shapes in its geojson)."""
    wanted = set(ids)
    sub = {"type": "FeatureCollection", "features": [f for f in fc["features"] if f["id"] in wanted]}
    return go.Choropleth(
        geojson=sub,
        featureidkey="id",
        locations=ids,
        z=[0] * len(ids),
        colorscale=[[0, fill], [1, fill]],
        showscale=False,
        marker={"line": {"color": line, "width": width}},
        text=text,
        hovertemplate="%{text}<extra></extra>",
        unselected={"marker": {"opacity": 1.0}},
        name=name,
    )


def clicked_adcode(selection: Any) -> int | None:
    """The adcode a map click selected (region shape or poor-county dot), from st.plotly_chart's state."""
    try:
        points = selection["selection"]["points"]
    except (KeyError, TypeError):
        return None
    for p in points or []:
        loc = p.get("location") or (p.get("customdata") if isinstance(p.get("customdata"), str) else None)
        if loc is None and isinstance(p.get("customdata"), (list, tuple)) and p["customdata"]:
            loc = p["customdata"][0]
        if loc is not None and str(loc).isdigit():
            return int(loc)
    return None
