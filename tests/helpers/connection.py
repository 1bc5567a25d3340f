"""A page's connection to the app dropped and made again, as a locked phone or a Wi-Fi blip
drops it: the browser keeps its session and Streamlit reconnects and reruns the page."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, Page

from tools.app_driver import ended_script_runs, wait_for_a_script_run, wait_for_the_script

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

# A socket newer than the ones closed is open
RECONNECTED = """(closed) => window.fashionLabSockets.length > closed
  && window.fashionLabSockets.at(-1).readyState === WebSocket.OPEN"""


def keep_the_sockets(context: BrowserContext) -> None:
    """Let ``drop_the_connection`` reach the sockets of the pages this context opens from now on."""
    context.add_init_script(KEEP_THE_SOCKETS)


def drop_the_connection(page: Page) -> None:
    """Close the page's connection to the app; return once it is made again and the rerun that
    follows a reconnect has ended."""
    wait_for_the_script(page)
    runs = ended_script_runs(page)
    closed = page.evaluate("window.fashionLabSockets.length")
    page.evaluate("window.fashionLabSockets.forEach((socket) => socket.close())")
    page.wait_for_function(RECONNECTED, arg=closed, timeout=30_000)
    wait_for_a_script_run(page, after=runs)
