"""A page's connection to the app dropped and made again, as a locked phone or a Wi-Fi blip
drops it: the browser keeps its session and Streamlit reconnects and reruns the page."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, Page

from tools.app_driver import wait_for_the_script

# Each WebSocket the page opens, kept where the test can close it (before the app's script runs)
KEEP_THE_SOCKETS = """(() => {
  const Native = window.WebSocket;
  window.fashionLabSockets = [];
  window.WebSocket = function (...args) {
    const socket = new Native(...args);
    window.fashionLabSockets.push(socket);
    return socket;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
})()"""

# The page's script runs, as they start and end, from now on
WATCH_THE_RUNS = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  window.fashionLabRuns = [];
  new MutationObserver(() => window.fashionLabRuns.push(app.getAttribute("data-test-script-state")))
    .observe(app, {attributes: true, attributeFilter: ["data-test-script-state"]});
}"""
# A socket newer than the closed ones is open, and a run has started and ended since
RECONNECTED_AND_RERUN = """(closed) => window.fashionLabSockets.length > closed
  && window.fashionLabSockets.at(-1).readyState === WebSocket.OPEN
  && window.fashionLabRuns.includes("running")
  && window.fashionLabRuns.at(-1) === "notRunning" """


def keep_the_sockets(context: BrowserContext) -> None:
    """Let ``drop_the_connection`` reach the sockets of the pages this context opens from now on."""
    context.add_init_script(KEEP_THE_SOCKETS)


def drop_the_connection(page: Page) -> None:
    """Close the page's connection to the app; return once it is made again and the rerun that
    follows a reconnect has ended."""
    wait_for_the_script(page)
    page.evaluate(WATCH_THE_RUNS)
    closed = page.evaluate("window.fashionLabSockets.length")
    page.evaluate("window.fashionLabSockets.forEach((socket) => socket.close())")
    page.wait_for_function(RECONNECTED_AND_RERUN, arg=closed, timeout=30_000)
