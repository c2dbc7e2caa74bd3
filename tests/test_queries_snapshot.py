"""Every queries/*.sql runs on the session's small built snapshot (conftest `snapshot_path`) for representative
regions and returns exactly the columns its header lists, with sane values.
"""

from __future__ import annotations

import pytest

from dashboard import paths
from dashboard.query import QueryLayer

NAMES = sorted(p.stem for p in paths.QUERIES.glob("*.sql"))


@pytest.fixture(scope="module")
def snap(request):
    try:
        path = request.getfixturevalue("snapshot_path")
    except pytest.FixtureLookupError:
        pytest.skip("conftest provides no `snapshot_path` fixture (a small built snapshot)")
    layer = QueryLayer(path)
    # Regions are picked through the layer itself: the most lagging poor county and its chain up to the nation.
    county = int(layer.run("lagging_counties", adcode=100000, year=2016, limit=1).adcode.iloc[0])
    chain = layer.run("region_path", adcode=county).adcode.astype(int).tolist()
    regions = {"nation": 100000, "province": chain[1], "parent": chain[-2], "county": county}
    yield layer, regions
    layer.close()


@pytest.mark.parametrize("name", NAMES)
def test_query_runs_on_the_built_snapshot(snap, name):
    layer, regions = snap
    spec = layer.spec(name)
    for adcode in regions.values() if "adcode" in spec.params else (None,):
        params = {"adcode": adcode, "year": 2018, "limit": 10, "domain": "health"}
        df = layer.run(name, **{k: v for k, v in params.items() if k in spec.params})
        assert list(df.columns) == list(spec.columns)
        for column in df.columns:
            if column.startswith("share"):
                values = df[column].dropna()
                assert ((values >= 0) & (values <= 1 + 1e-9)).all(), (name, column)
            if column.startswith("n_"):
                assert (df[column].dropna() >= 0).all(), (name, column)


def test_nation_key_figures_are_populated(snap):
    layer, _ = snap
    df = layer.run("key_figures_by_year", adcode=100000)
    assert len(df) == 7 and df.n_households_on_register.iloc[0] > 0
    assert df.share_people_exited.iloc[-1] == pytest.approx(1.0)
    assert layer.run("child_region_figures", adcode=100000, year=2020).n_people_on_register.sum() == \
        df.n_people_on_register.iloc[-1]
