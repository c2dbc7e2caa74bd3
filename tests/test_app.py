"""AppTest: every page renders at each level without exceptions, and the key figures shown are the
query layer's answers. Runs against the fake layer always, and against the session snapshot once the
real query layer is there."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.i18n import fmt_count, fmt_share
from dashboard.views import PAGES

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")
# nation, a province, a municipality, a prefecture, a county, a province-administered county
REGIONS = [100000, 520000, 110000, 520500, 520526, 469001]
HAS_QUERY_LAYER = importlib.util.find_spec("dashboard.query") is not None


def _run(region: int, page: str, lang: str = "zh") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["region"] = str(region)
    at.query_params["lang"] = lang
    at.run()
    if page != PAGES[0].file:
        at.switch_page(page).run()
    return at


def _check_key_figures(at: AppTest, layer, region: int, lang: str) -> None:
    from dashboard.components import KEY_FIGURES
    from dashboard.i18n import t
    from dashboard.state import DEFAULT_YEAR

    row = layer.run("key_figures_by_year", adcode=region).set_index("year").loc[DEFAULT_YEAR]
    shown = {m.label: m.value for m in at.metric}
    is_county = layer.run("region_info", adcode=region).iloc[0]["level"] == "county"
    for col in KEY_FIGURES:
        if is_county and col.startswith("n_poor_counties"):  # not shown for a county
            assert t(col, lang) not in shown
            continue
        expected = fmt_share(row[col]) if col.startswith("share") else fmt_count(row[col], lang)
        assert shown[t(col, lang)] == expected, col


@pytest.fixture
def fake_env(monkeypatch):
    monkeypatch.setenv("DASHBOARD_QUERY_LAYER", "tests.fake_query_layer:FakeQueryLayer")
    monkeypatch.setenv("DASHBOARD_SNAPSHOT", "/nonexistent/fake-layer.duckdb")


@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize("page", [p.file for p in PAGES])
def test_pages_render_with_fake_layer(fake_env, region, page):
    at = _run(region, page)
    assert not at.exception, [e.value for e in at.exception]
    if page == PAGES[0].file:  # AppTest loses the frame's elements after switch_page; the browser test checks those
        assert any("合成数据" in w.value for w in at.warning)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_key_figures_match_fake_layer(fake_env, lang):
    from tests.fake_query_layer import FakeQueryLayer

    at = _run(520000, PAGES[0].file, lang)
    _check_key_figures(at, FakeQueryLayer(), 520000, lang)


def test_unknown_region_falls_back_to_nation(fake_env):
    at = _run(999999, PAGES[0].file)
    assert not at.exception
    assert at.query_params["region"] == ["100000"] or at.query_params["region"] == "100000"


def test_picking_a_child_sets_the_url(fake_env):
    # AppTest keeps a session's first query string for later runs, so only the URL change is checked
    # here; the browser test follows the drill through.
    at = _run(520000, PAGES[0].file)
    at.selectbox(key="pick_520000").set_value(520500).run()
    assert not at.exception
    region = at.query_params["region"]
    assert (region[0] if isinstance(region, list) else region) == "520500"


# --- the real snapshot ----------------------------------------------------------------------------

needs_layer = pytest.mark.skipif(not HAS_QUERY_LAYER, reason="dashboard.query (the query layer) is not there yet")


@pytest.fixture
def real_env(monkeypatch, snapshot_path):
    monkeypatch.delenv("DASHBOARD_QUERY_LAYER", raising=False)
    monkeypatch.setenv("DASHBOARD_SNAPSHOT", str(snapshot_path))
    return snapshot_path


@needs_layer
@pytest.mark.parametrize("region", [100000, 520000, 110000, 520500, 520526])
@pytest.mark.parametrize("page", [p.file for p in PAGES])
def test_pages_render_on_snapshot(real_env, region, page):
    at = _run(region, page)
    assert not at.exception, [e.value for e in at.exception]


@needs_layer
@pytest.mark.parametrize("region", [100000, 520000, 520526])
def test_key_figures_match_query_layer(real_env, region):
    from dashboard.query import QueryLayer

    at = _run(region, PAGES[0].file)
    assert not at.exception
    _check_key_figures(at, QueryLayer(real_env), region, "zh")


@needs_layer
def test_english_page_on_snapshot(real_env):
    at = _run(520000, PAGES[0].file, "en")
    assert not at.exception
    assert at.title[0].value == "Guizhou"
    assert os.environ["DASHBOARD_SNAPSHOT"] == str(real_env)


def test_no_sql_in_app_code():
    """Pages, components and the frame get data only through dashboard.data.q (SQL lives in queries/)."""
    import re

    root = Path(APP).parent
    files = [root / "app.py", root / "components.py", root / "data.py", root / "charts.py", root / "maps.py", *sorted((root / "views").glob("*.py"))]
    sql = re.compile(r"\b(select\s+[\w*]|insert\s+into|create\s+table|from\s+\w+\s+where|duckdb\.connect)", re.IGNORECASE)
    for f in files:
        assert not sql.search(f.read_text()), f"SQL in {f.name}"
