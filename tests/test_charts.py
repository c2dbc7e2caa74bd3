"""Chart and map builders (pure: DataFrame → Figure) and the URL view state."""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import charts, maps
from dashboard.state import DEFAULT_METRIC, NATION, ViewState, is_valid_metric, parse_state, to_params
from tests.fake_query_layer import FakeQueryLayer


@pytest.fixture(scope="module")
def layer() -> FakeQueryLayer:
    return FakeQueryLayer()


def _texts(fig: go.Figure) -> str:
    return json.dumps(fig.to_plotly_json(), ensure_ascii=False)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_builders_return_figures_in_the_language(layer, lang):
    a = 520000
    figs = [
        charts.trend_lines(layer.run("key_figures_by_year", adcode=a), ["n_people_on_register", "n_people_remaining"], lang),
        charts.share_bars(layer.run("households_by_cause", adcode=a, year=2016), lang),
        charts.causes_heatmap(layer.run("causes_by_child_region", adcode=a, year=2016), {1: "x"}, lang),
        charts.exits_by_year(layer.run("exits_by_year", adcode=a), lang),
        charts.counties_by_batch(layer.run("poor_counties_by_batch", adcode=a), lang),
        charts.flows_sankey(layer.run("flows_by_year", adcode=a), lang),
        charts.flows_by_year(layer.run("flows_by_year", adcode=a), lang),
        charts.income_histogram(layer.run("income_histogram", adcode=a, year=2016), layer.run("income_histogram", adcode=NATION, year=2016), names=("a", "b"), lang=lang),
        charts.age_pyramid(layer.run("age_pyramid", adcode=a, year=2016), layer.run("age_pyramid", adcode=NATION, year=2016), names=("a", "b"), lang=lang),
    ]
    for fig in figs:
        assert isinstance(fig, go.Figure) and fig.data
    text = _texts(figs[0])
    assert ("在册贫困人口" in text) == (lang == "zh")
    assert ("People on register" in text) == (lang == "en")


def test_empty_frames_give_a_no_data_figure():
    fig = charts.share_bars(pd.DataFrame(columns=["name_zh", "name_en", "share_households", "n_households"]), "en")
    assert "No data." in _texts(fig)


def test_large_counts_are_scaled_to_wan_in_chinese():
    df = pd.DataFrame({"year": [2014, 2015], "n_people_on_register": [89_000_000, 55_000_000]})
    fig = charts.trend_lines(df, ["n_people_on_register"], "zh")
    assert list(fig.data[0].y) == [8900, 5500]
    assert "万" in fig.layout.yaxis.title.text


def test_sankey_balances_inflows(layer):
    df = layer.run("flows_by_year", adcode=NATION)
    fig = charts.flows_sankey(df, "zh")
    link = fig.data[0].link
    assert link.value[0] == df["n_people_entered"].sum()


def test_map_has_only_child_shapes_and_marks_poor_counties(layer):
    b = layer.run("child_boundaries", adcode=520500)
    f = layer.run("child_region_figures", adcode=520500, year=2016)
    fig = maps.choropleth(b, f, DEFAULT_METRIC, "label", "zh")
    choro = fig.data[0]
    assert sorted(choro.locations) == sorted(str(a) for a in b["adcode"])
    assert {feat["id"] for feat in choro.geojson["features"]} == set(choro.locations)
    # both children are poor counties: an outline trace and centroid dots
    assert any(isinstance(tr, go.Scattergeo) and len(tr.lon) == 2 for tr in fig.data)
    assert len(fig.data) == 3
    assert fig.layout.geo.visible is False


def test_map_for_a_county_is_its_own_shape(layer):
    fig = maps.choropleth(layer.run("child_boundaries", adcode=520526), pd.DataFrame(), DEFAULT_METRIC, "x", "en", leaf=True)
    assert list(fig.data[0].locations) == ["520526"]


def test_map_never_names_a_remote_url(layer):
    fig = maps.choropleth(layer.run("child_boundaries", adcode=NATION), layer.run("child_region_figures", adcode=NATION, year=2014), DEFAULT_METRIC, "x", "zh")
    assert "http" not in _texts(fig)
    assert not maps.MAP_CONFIG["topojsonURL"].startswith(("http", "//"))


def test_feature_collection_rounds_and_bounds():
    b = pd.DataFrame({"adcode": [1], "geojson": [json.dumps({"type": "Polygon", "coordinates": [[[100.12345, 20.98765], [101, 20], [101, 21], [100.12345, 20.98765]]]})]})
    fc, bbox = maps.feature_collection(b)
    assert fc["features"][0]["geometry"]["coordinates"][0][0] == [100.123, 20.988]
    assert bbox == [100.123, 20.0, 101.0, 21.0]


def test_clicked_adcode_reads_locations_and_dots():
    assert maps.clicked_adcode({"selection": {"points": [{"location": "520000"}]}}) == 520000
    assert maps.clicked_adcode({"selection": {"points": [{"customdata": "469001"}]}}) == 469001
    assert maps.clicked_adcode({"selection": {"points": []}}) is None
    assert maps.clicked_adcode(None) is None


def test_view_state_round_trips_and_rejects_junk():
    s = ViewState(region=520526, lang="en", metric="cause_3", year=2018)
    assert parse_state(to_params(s)) == s
    assert parse_state({}) == ViewState()
    junk = parse_state({"region": "abc", "lang": "de", "metric": "drop table", "year": "1999"})
    assert junk == ViewState()
    assert parse_state({"region": ["110000"], "year": ["2020"]}).region == 110000
    assert is_valid_metric("measure_0") and not is_valid_metric("measure_12") and not is_valid_metric("cause_0")


def test_income_histogram_handles_the_open_last_bin():
    df = pd.DataFrame({"bin_lower": [0, 500, 1000], "bin_upper": pd.array([500, 1000, None], dtype="Int64"), "n_households": [5, 3, 1], "share_households": [0.5, 0.3, 0.1], "poverty_line": [2300] * 3})
    fig = charts.income_histogram(df, None, names=("a", "b"), lang="en")
    assert list(fig.data[0].x) == [250, 750, 1250]
    assert fig.data[0].customdata[-1].startswith("≥ 1,000")


def test_nation_sized_maps_are_simplified_and_coarser():
    ring = [[70 + i * 0.001, 20.0] for i in range(0, 60_001, 7)] + [[130.0, 50.0], [70.0, 50.0], [70.0, 20.0]]
    b = pd.DataFrame({"adcode": [1], "geojson": [json.dumps({"type": "Polygon", "coordinates": [ring]})]})
    fc, bbox = maps.feature_collection(b)
    coords = fc["features"][0]["geometry"]["coordinates"][0]
    assert len(coords) < 20  # the straight bottom edge collapses
    assert all(round(c, 2) == c for p in coords for c in p)
    assert bbox == [70.0, 20.0, 130.0, 50.0]
