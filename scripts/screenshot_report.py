#!/usr/bin/env python3
"""Take a screenshot of an HTML report with headless Chromium, to see what an editor sees.

    python scripts/screenshot_report.py REPORT.html OUT.png [--width 1280] [--height 0]

``--height 0`` (the default) captures the whole page, up to 8,000 pixels. Needs Debian's
``chromium`` and the ``websocket-client`` package (in the ``test`` extra). The ``Chromium``
class drives the browser over the DevTools protocol; the browser test uses it too.
"""
from __future__ import annotations

import argparse
import base64
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any, Optional

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
         "--remote-debugging-port=0")
MAX_HEIGHT = 8000


def find_chromium() -> Optional[str]:
    """Debian's chromium (or another Chromium/Chrome on PATH), or None."""
    for name in ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


class BrowserError(RuntimeError):
    pass


class Chromium:
    """A headless Chromium with one page, driven over the DevTools protocol (a context manager)."""

    def __init__(self, executable: str, width: int = 1280, height: int = 900, timeout: float = 30.0) -> None:
        self.executable = executable
        self.width, self.height, self.timeout = width, height, timeout
        self._ids = itertools.count(1)
        self._events: list[dict] = []

    def __enter__(self) -> "Chromium":
        import websocket  # websocket-client, from the test extra

        self._profile = tempfile.mkdtemp(prefix="mtlint-chromium-")
        self._process = subprocess.Popen(
            [self.executable, *FLAGS, f"--user-data-dir={self._profile}", f"--window-size={self.width},{self.height}",
             "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            port = self._port()
            self._ws = websocket.create_connection(self._page_socket(port), timeout=self.timeout, suppress_origin=True)
            self.send("Page.enable")
            self.send("Runtime.enable")
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        ws = getattr(self, "_ws", None)
        if ws is not None:
            ws.close()
        self._process.terminate()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        shutil.rmtree(self._profile, ignore_errors=True)

    def _port(self) -> int:
        """The debugging port Chromium picked, from the file it writes into its profile."""
        marker = Path(self._profile) / "DevToolsActivePort"
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise BrowserError(f"{self.executable} exited with code {self._process.returncode}")
            if marker.is_file():
                first = marker.read_text().split("\n", 1)[0].strip()
                if first.isdigit():
                    return int(first)
            time.sleep(0.1)
        raise BrowserError("Chromium did not open its debugging port")

    def _page_socket(self, port: int) -> str:
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=self.timeout) as response:
                pages = [t for t in json.load(response) if t.get("type") == "page"]
            if pages:
                return pages[0]["webSocketDebuggerUrl"]
            time.sleep(0.1)
        raise BrowserError("Chromium opened no page")

    # -- the protocol ----------------------------------------------------------------------
    def send(self, method: str, **params: Any) -> dict:
        """Call a DevTools method and return its result (events met meanwhile are kept)."""
        ident = next(self._ids)
        self._ws.send(json.dumps({"id": ident, "method": method, "params": params}))
        while True:
            message = json.loads(self._ws.recv())
            if message.get("id") == ident:
                if "error" in message:
                    raise BrowserError(f"{method}: {message['error'].get('message')}")
                return message.get("result", {})
            self._events.append(message)

    def wait_for(self, event: str) -> dict:
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            for i, message in enumerate(self._events):
                if message.get("method") == event:
                    return self._events.pop(i)
            self._events.append(json.loads(self._ws.recv()))
        raise BrowserError(f"timed out waiting for {event}")

    def open(self, path: Path) -> None:
        self._events.clear()
        self.send("Page.navigate", url=path.resolve().as_uri())
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise BrowserError(f"script error: {result['exceptionDetails'].get('exception', {}).get('description')}")
        return result["result"].get("value")

    def click(self, selector: str) -> None:
        """A real mouse click in the middle of the first element matching ``selector``."""
        box = self.evaluate(
            f"(() => {{ const el = document.querySelector({json.dumps(selector)}); if (!el) return null;"
            " el.scrollIntoView({block: 'center'}); const r = el.getBoundingClientRect();"
            " return [r.x + r.width / 2, r.y + r.height / 2]; })()")
        if box is None:
            raise BrowserError(f"no element matches {selector}")
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", type=kind, x=box[0], y=box[1], button="left", clickCount=1)

    def screenshot(self, out: Path, height: int = 0) -> None:
        """A PNG of the page: ``height`` pixels, or the whole page (at most MAX_HEIGHT) when 0."""
        if not height:
            size = self.send("Page.getLayoutMetrics")["cssContentSize"]
            height = min(int(size["height"]) + 1, MAX_HEIGHT)
        self.send("Emulation.setDeviceMetricsOverride", width=self.width, height=height, deviceScaleFactor=1,
                  mobile=False)
        clip = {"x": 0, "y": 0, "width": self.width, "height": height, "scale": 1}
        shot = self.send("Page.captureScreenshot", format="png", clip=clip)
        out.write_bytes(base64.b64decode(shot["data"]))


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("report", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=0, help="pixels; 0 for the whole page")
    args = parser.parse_args(argv)
    executable = os.environ.get("CHROMIUM") or find_chromium()
    if not executable:
        print("screenshot_report: chromium not found (apt-get install chromium)", file=sys.stderr)
        return 2
    if not args.report.is_file():
        print(f"screenshot_report: no such file: {args.report}", file=sys.stderr)
        return 2
    with Chromium(executable, width=args.width) as browser:
        browser.open(args.report)
        browser.screenshot(args.out, args.height)
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
