"""Start the dashboard on a free local port and drive it with Debian's chromium (Playwright).

Shared by the browser tests and `python -m bench.ui`. Never downloads a browser: Playwright is pointed
at /usr/bin/chromium. Every request the page makes is recorded so tests can check none leaves localhost.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu"]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class App:
    """A running `streamlit run dashboard/app.py`."""

    port: int
    proc: subprocess.Popen
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://localhost:{self.port}"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


@contextlib.contextmanager
def running_app(snapshot: Path | str | None = None, *, env: dict[str, str] | None = None, log_dir: Path | None = None, timeout: float = 60) -> Iterator[App]:
    """Serve the app on a free port against `snapshot` until the block ends, then stop it."""
    port = free_port()
    log_dir = log_dir or ROOT / "tests" / "artifacts"
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / f"streamlit-{port}.log"
    full_env = {**os.environ, **(env or {})}
    if snapshot is not None:
        full_env["DASHBOARD_SNAPSHOT"] = str(snapshot)
    cmd = [sys.executable, "-m", "streamlit", "run", "dashboard/app.py", "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    with open(log_path, "w") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=full_env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    app = App(port, proc, log_path)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{app.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"app did not start:\n{app.log()}")
            time.sleep(0.3)
        yield app
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@dataclass
class RequestLog:
    """Every URL the page asked for; `external()` are those not on this machine."""

    urls: list[str] = field(default_factory=list)

    def external(self) -> list[str]:
        out = []
        for url in self.urls:
            parsed = urlparse(url)
            if parsed.scheme in ("data", "blob", "about", "chrome-extension"):
                continue
            if parsed.hostname not in LOCAL_HOSTS:
                out.append(url)
        return out


@contextlib.contextmanager
def browser_page(width: int = 1400, height: int = 1000) -> Iterator[tuple[object, RequestLog]]:
    """A headless chromium page that records all requests and blocks any that would leave localhost."""
    from playwright.sync_api import sync_playwright

    requests = RequestLog()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")

        def route(route, request):
            requests.urls.append(request.url)
            host = urlparse(request.url).hostname
            if request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
                route.continue_()
            else:
                route.abort()

        context.route("**/*", route)
        page = context.new_page()
        # Requests outside the routing (service workers, websockets) are recorded too.
        page.on("websocket", lambda ws: requests.urls.append(ws.url))
        try:
            yield page, requests
        finally:
            context.close()
            browser.close()


def wait_for_app(page, timeout: float = 30_000) -> None:
    """Wait until the script has finished running (no 'running' status widget) and the page is idle."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_selector(".st-key-w_lang", timeout=timeout)  # our frame has run at least once
    page.wait_for_function(
        """() => {
            const s = document.querySelector('[data-testid="stStatusWidget"]');
            return !s || !s.textContent.match(/Running|Connecting|运行/);
        }""",
        timeout=timeout,
    )
    page.wait_for_timeout(300)


def wait_for_map(page, region: int | str | None = None, timeout: float = 30_000) -> None:
    """Wait until the map of `region` (any map if None) has its shapes drawn (SVG paths of the geo subplot)."""
    page.wait_for_function(
        """(region) => {
            for (const gd of document.querySelectorAll('.js-plotly-plot')) {
                const meta = gd.layout && gd.layout.meta;
                if (!meta || meta.region === undefined) continue;
                if (region !== null && String(meta.region) !== String(region)) continue;
                if (gd.querySelectorAll('.choroplethlocation').length > 0) return true;
            }
            return false;
        }""",
        arg=None if region is None else str(region),
        timeout=timeout,
        polling=50,
    )


def click_region_on_map(page, adcode: int | str) -> None:
    """Click inside a region's shape on the map, at a point plotly's own projection finds in it."""
    point = page.evaluate(
        """(adcode) => {
            for (const gd of document.querySelectorAll('.js-plotly-plot')) {
                const cd = (gd.calcdata || []).find(c => c[0].trace.type === 'choropleth');
                if (!cd) continue;
                const i = cd.findIndex(d => String(d.loc) === String(adcode));
                if (i < 0) continue;
                const path = gd.querySelectorAll('.choroplethlocation')[i];
                const b = path.getBBox(), box = path.getBoundingClientRect();
                // scan a grid over the shape's box for a point that is inside the path
                for (let fy = 0.5, k = 0; k < 9; k++, fy = 0.5 + (k % 2 ? 1 : -1) * Math.ceil(k / 2) * 0.1) {
                    for (let fx = 0.5, j = 0; j < 9; j++, fx = 0.5 + (j % 2 ? 1 : -1) * Math.ceil(j / 2) * 0.1) {
                        const pt = path.ownerSVGElement.createSVGPoint();
                        pt.x = b.x + fx * b.width; pt.y = b.y + fy * b.height;
                        if (path.isPointInFill(pt)) return {x: box.left + fx * box.width, y: box.top + fy * box.height};
                    }
                }
                return {x: box.left + box.width / 2, y: box.top + box.height / 2};
            }
            return null;
        }""",
        str(adcode),
    )
    if point is None:
        raise AssertionError(f"region {adcode} is not on the map")
    page.mouse.move(point["x"], point["y"])
    page.mouse.click(point["x"], point["y"])
