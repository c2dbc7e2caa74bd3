"""Streamlit entry point: page frame, shared view state, language switch, synthetic-data banner, navigation.

Run with `make run` (or `streamlit run dashboard/app.py` with DASHBOARD_SNAPSHOT set). The frame runs
on every rerun and must stay cheap: it reads the URL, validates the region (one cached query) and hands
the page a ViewState; all data comes through dashboard.data.q.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

# `streamlit run dashboard/app.py` puts dashboard/ on sys.path, not the repo root.
_ROOT = str(Path(__file__).resolve().parent.parent)
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

import streamlit as st  # noqa: E402

from dashboard import data  # noqa: E402
from dashboard import state as view  # noqa: E402
from dashboard.i18n import LANGS, t  # noqa: E402
from dashboard.paths import snapshot_path  # noqa: E402
from dashboard.views import pages_for  # noqa: E402

_started = time.perf_counter()
# No page_icon: a material or emoji icon makes the browser fetch the favicon from a CDN.
st.set_page_config(page_title="建档立卡 · Poverty registration", layout="wide")

state = view.current()
lang = state.lang

if not data.snapshot_exists():
    st.error(t("no_snapshot", lang, path=snapshot_path()))
    st.stop()

# An unknown region in a link falls back to the nation rather than an empty page.
if not data.q("region_info", adcode=state.region).shape[0]:
    st.toast(t("unknown_region", lang, code=state.region))
    state = state.with_(region=view.NATION)
view.canonicalize(state)
st.session_state["_view"] = state

specs = pages_for(os.environ.get("DASHBOARD_MODE", "full"))
# Icons go on our menu links only: a page's icon becomes the favicon, which Streamlit fetches from a CDN.
pages = [st.Page(s.file, title=t(s.title_key, lang), url_path=s.url_path, default=i == 0) for i, s in enumerate(specs)]
# Our own menu (below) carries the view state in each link; the built-in one would drop it.
current_page = st.navigation(pages, position="hidden")


def _switch_lang() -> None:
    view.navigate(lang=st.session_state["w_lang"])


def _switch_year() -> None:
    view.navigate(year=int(st.session_state["w_year"]))


with st.sidebar:
    st.markdown(f"### {t('app_title', lang)}")
    st.caption(t("app_subtitle", lang))
    st.session_state["w_lang"] = lang  # the URL is the truth; the widget follows it (also on back/forward)
    st.segmented_control(
        t("language", lang),
        LANGS,
        format_func=lambda code: {"zh": "中文", "en": "English"}[code],
        key="w_lang",
        on_change=_switch_lang,
        required=True,
    )
    for spec, page in zip(specs, pages, strict=True):
        st.page_link(page, icon=spec.icon, query_params=view.to_params(state))
    st.divider()
    st.session_state["w_year"] = state.year
    st.select_slider(t("year", lang), options=list(view.YEARS), key="w_year", on_change=_switch_year)

if data.is_synthetic():
    st.warning(t("synthetic_banner", lang), icon=":material/science:")

current_page.run()

if os.environ.get("DASHBOARD_PROFILE"):
    # Read by bench/ui.py: server-side script time per page run.
    print(f"PROFILE page={current_page.url_path or specs[0].url_path} region={state.region} ms={(time.perf_counter() - _started) * 1000:.1f}", file=sys.stderr, flush=True)
