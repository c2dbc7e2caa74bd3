"""Browser tests: Debian's chromium drives the running app. Drill down by clicking the map, switch
language, reload a permalink, use the back button, visit every page, and check no request leaves
localhost. Screenshots go to tests/artifacts/ (git-ignored).

Runs against the session snapshot when the query layer is there, else against the fake layer.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
from pathlib import Path

import pytest

from tests.browser_helpers import CHROMIUM, browser_page, click_region_on_map, running_app, wait_for_app, wait_for_map

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which(CHROMIUM) is None and not Path(CHROMIUM).exists(), reason="needs /usr/bin/chromium"),
]

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
PROVINCE, PREFECTURE, COUNTY = 520000, 520500, 520526  # 贵州省 › 毕节市 › 威宁彝族回族苗族自治县
HAS_QUERY_LAYER = importlib.util.find_spec("dashboard.query") is not None


def _serve(request):
    if HAS_QUERY_LAYER:
        return running_app(request.getfixturevalue("snapshot_path"), env={"DASHBOARD_PROFILE": "1"})
    return running_app(env={"DASHBOARD_QUERY_LAYER": "tests.fake_query_layer:FakeQueryLayer", "DASHBOARD_SNAPSHOT": "/nonexistent/fake.duckdb"})


@pytest.fixture(scope="module")
def app(request):
    with _serve(request) as running:
        yield running


@pytest.fixture
def page(app):
    ARTIFACTS.mkdir(exist_ok=True)
    with browser_page(height=1600) as (pg, requests):
        pg.app_url = app.url
        yield pg
        external = requests.external()
        assert not external, f"requests left localhost: {external}"
        assert any("localhost" in u for u in requests.urls)


def _breadcrumb(page) -> str:
    return page.locator(".st-key-breadcrumb").inner_text()


def _param(page, name: str) -> str | None:
    m = re.search(rf"[?&]{name}=([^&]+)", page.url)
    return m.group(1) if m else None


def test_drill_down_by_map_then_language_permalink_and_back(page):
    page.goto(page.app_url + "/")
    wait_for_app(page)
    wait_for_map(page, 100000)
    assert _param(page, "region") == "100000" and _param(page, "lang") == "zh"
    assert page.get_by_text("合成数据").first.is_visible()
    page.screenshot(path=ARTIFACTS / "drill_0_nation.png")

    for step, code in enumerate((PROVINCE, PREFECTURE, COUNTY), start=1):
        click_region_on_map(page, code)
        page.wait_for_url(re.compile(rf"region={code}"), timeout=20_000)
        wait_for_map(page, code)
        wait_for_app(page)
        page.screenshot(path=ARTIFACTS / f"drill_{step}_{code}.png")
    crumbs = _breadcrumb(page)
    assert "全国" in crumbs and "贵州省" in crumbs and "毕节市" in crumbs and "威宁" in crumbs
    assert page.get_by_text("的行政村").first.is_visible()  # the county's village table
    assert page.locator('[data-testid="stDataFrame"]').count() >= 1

    # back button: up to the prefecture, forward to the county again
    page.go_back()
    page.wait_for_url(re.compile(rf"region={PREFECTURE}"), timeout=20_000)
    wait_for_map(page, PREFECTURE)
    page.get_by_role("heading", name="毕节市").first.wait_for(timeout=20_000)
    page.go_forward()
    page.wait_for_url(re.compile(rf"region={COUNTY}"), timeout=20_000)
    wait_for_map(page, COUNTY)

    # language switch: the URL and every label follow
    page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
    page.wait_for_url(re.compile(r"lang=en"), timeout=20_000)
    wait_for_app(page)
    page.get_by_text("Villages of").first.wait_for(timeout=20_000)
    assert "China" in _breadcrumb(page) and "Guizhou" in _breadcrumb(page)
    page.screenshot(path=ARTIFACTS / "drill_4_english.png")

    # a permalink reproduces the same view in a fresh load
    permalink = page.url
    page.goto("about:blank")
    page.goto(permalink)
    wait_for_app(page)
    wait_for_map(page, COUNTY)
    assert _param(page, "region") == str(COUNTY) and _param(page, "lang") == "en"
    page.get_by_text("Villages of").first.wait_for(timeout=20_000)

    # the breadcrumb's links go back up
    page.locator(".st-key-breadcrumb").get_by_text("Guizhou", exact=True).click()
    page.wait_for_url(re.compile(rf"region={PROVINCE}"), timeout=20_000)
    wait_for_map(page, PROVINCE)
    assert _param(page, "lang") == "en"


def test_every_page_in_both_languages(page):
    from dashboard.i18n import t
    from dashboard.views import PAGES

    for lang in ("zh", "en"):
        page.goto(f"{page.app_url}/?region={PROVINCE}&lang={lang}&year=2016")
        wait_for_app(page)
        for spec in PAGES:
            page.locator('[data-testid="stSidebar"]').get_by_text(t(spec.title_key, lang), exact=True).click()
            page.wait_for_url(re.compile(rf"/{spec.url_path}\?|/\?"), timeout=20_000)
            wait_for_app(page)
            page.wait_for_timeout(500)
            # the view state travels with the menu links
            assert _param(page, "region") == str(PROVINCE) and _param(page, "year") == "2016", page.url
            assert page.locator('[data-testid="stException"]').count() == 0, spec.url_path
            banner = "合成数据" if lang == "zh" else "synthetic data"
            assert page.get_by_text(banner).first.is_visible(), spec.url_path
            page.screenshot(path=ARTIFACTS / f"page_{spec.url_path}_{lang}.png", full_page=True)


def test_municipality_and_province_administered_county(page):
    # a municipality's children are counties; a province-administered county is a leaf under its province
    page.goto(f"{page.app_url}/?region=110000&lang=zh")
    wait_for_app(page)
    wait_for_map(page, 110000)
    assert page.locator(".choroplethlocation").count() >= 2
    page.screenshot(path=ARTIFACTS / "municipality_110000.png")


def test_figure_and_year_live_in_the_url(page):
    page.goto(f"{page.app_url}/?region={PROVINCE}&lang=zh")
    wait_for_app(page)
    wait_for_map(page, PROVINCE)
    z_before = page.evaluate("() => document.querySelector('.js-plotly-plot').data[0].z")
    # the figure picker reruns only the map fragment, and writes ?metric=
    page.locator(".st-key-w_metric").click()
    page.get_by_role("option", name="累计脱贫率").click()
    page.wait_for_url(re.compile(r"metric=share_people_exited"), timeout=20_000)
    page.wait_for_function("(z) => JSON.stringify(document.querySelector('.js-plotly-plot').data[0].z) !== JSON.stringify(z)", arg=z_before, timeout=20_000)
    # the year slider writes ?year= (End key on its range input: 2020)
    page.locator(".st-key-w_year input[type=range]").focus()
    page.keyboard.press("End")
    page.wait_for_url(re.compile(r"year=2020"), timeout=20_000)
    wait_for_app(page)
    assert "2020" in page.get_by_role("heading", name=re.compile("主要指标")).first.inner_text()
    assert _param(page, "metric") == "share_people_exited"
    # the menu's links carry the whole view, so another page and back keeps it
    assert page.locator('[data-testid="stSidebar"] a[href*="metric=share_people_exited"][href*="year=2020"]').count() >= 4
    page.screenshot(path=ARTIFACTS / "figure_and_year.png")


def test_deep_link_to_a_page_on_a_fresh_server(request):
    # The first request a new server sees is a link to another page: it must get the whole frame.
    with _serve(request) as fresh, browser_page(height=1200) as (pg, requests):
        pg.goto(f"{fresh.url}/progress?region={PREFECTURE}&lang=en")
        wait_for_app(pg)
        pg.get_by_text("Progress & flows").first.wait_for(timeout=30_000)
        assert pg.get_by_text("synthetic data").first.is_visible()
        assert "Bijie" in _breadcrumb(pg)
        assert not requests.external()
