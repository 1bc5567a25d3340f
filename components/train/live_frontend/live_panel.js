// Draws a running job's progress and curves from its JSON feed (components/live_feed.py),
// fetched every 2 seconds while the tab is in sight, so the Streamlit page does not rerun while a
// model trains. New points are inserted into the Vega views, which were built while the page was
// idle; a new feed revision (the smoothing changed) replaces them. Every text it shows comes from
// Python in the page's language: the render arguments' texts, the feed's text and layer title.
"use strict";

const POLL_MS = 2000; // each update costs the browser ~15 ms of CPU, which training on 2 cores loses
const STOPPING_POLL_MS = 250; // after Stop: the outcome shows as soon as the run is saved
const PRELOAD_MS = 3000; // after the app's first page is drawn, before Train is likely pressed
const WAIT_MS = 10000; // the most the panel waits for its frame's height, or for the outcome, to scroll
const VEGA = ["vendor/vega.min.js", "vendor/vega-lite.min.js", "vendor/vega-embed.min.js"];
let vegaLoaded = null;
let preloadNow; // called when a run needs the charts before the preload time
const preloadTime = new Promise((resolve) => {
  preloadNow = resolve;
  setTimeout(resolve, PRELOAD_MS);
});

function loadVega() {
  vegaLoaded ??= (async () => {
    for (const src of VEGA) {
      await new Promise((resolve, reject) => {
        document.head.append(Object.assign(document.createElement("script"), { src, onload: resolve, onerror: reject }));
      });
    }
  })();
  return vegaLoaded;
}

const panel = {
  charts: null, ready: Promise.resolve({}), feed: null, views: {}, counts: {}, drawn: false,
  revision: null, timer: null, ended: false, polling: false, stopping: false, layer: null,
  shown: false, height: 0,
};
let generation = 0; // of the latest render call: an older one still waiting gives way

function send(type, fields) {
  window.parent.postMessage({ isStreamlitMessage: true, type, ...fields }, "*");
}

// A run that starts is shown: at 1366x768 the panel lies below the settings and layer table.
// Once its feed is first drawn (not at the start: the feed may not be written yet, and "preparing"
// is a single line) and the frame took that height.
async function comeIntoView() {
  await frameHasItsHeight();
  bringIntoView(window.frameElement);
}

// When a run ends in talk mode, the page draws its outcome right below this frame, but Streamlit
// sets the frame's height to 0 first: the page is short for a moment and scrolls up, and on a busy
// machine the outcome came below the projector's screen. So it is brought into view once drawn.
// (Outside talk mode the outcome comes after the charts and the epoch table, which take their
// height after it: the page is left where it is.)
async function showOutcome() {
  await frameHasItsHeight();
  const frame = window.frameElement;
  if (frame) bringIntoView(await drawnAfter(frame, '[data-testid="stAlert"]'));
}

function bringIntoView(element) {
  try {
    element?.scrollIntoView({ block: "nearest" });
  } catch (error) {
    // a frame of another origin: the page stays where it is
  }
}

// Resolves once the frame has the height last asked for (a resize of this window is the frame's
// height being set: Streamlit applies it asynchronously), or after WAIT_MS.
function frameHasItsHeight() {
  const done = () => Math.abs(window.innerHeight - panel.height) <= 1;
  return new Promise((resolve) => {
    if (done()) return resolve();
    const finish = () => {
      window.removeEventListener("resize", check);
      clearTimeout(timer);
      resolve();
    };
    const check = () => done() && finish();
    const timer = setTimeout(finish, WAIT_MS);
    window.addEventListener("resize", check);
  });
}

// The first element matching selector that the page has after frame, once there is one; null
// after WAIT_MS or in a frame of another origin.
function drawnAfter(frame, selector) {
  const find = () =>
    [...frame.ownerDocument.querySelectorAll(selector)].find(
      (element) => frame.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING,
    ) ?? null;
  return new Promise((resolve) => {
    let observer = null;
    const finish = (element) => {
      observer?.disconnect();
      clearTimeout(timer);
      resolve(element);
    };
    const timer = setTimeout(() => finish(null), WAIT_MS);
    const finishIfDrawn = () => {
      const element = find();
      if (element) finish(element);
      return element;
    };
    try {
      if (finishIfDrawn()) return;
      observer = new MutationObserver(finishIfDrawn);
      observer.observe(frame.ownerDocument.body, { childList: true, subtree: true });
    } catch (error) {
      finish(null);
    }
  });
}

function fitFrame() {
  panel.height = panel.feed ? document.documentElement.scrollHeight : 0;
  send("streamlit:setFrameHeight", { height: panel.height });
}

// With no feed the panel is an empty, zero-height frame whose charts are built and wait for the
// next run: building them (Vega-Lite compile, first render) is the costly part, and done at the
// Train press it took the browser's CPU just as the model began to train.
async function render(args) {
  document.body.classList.toggle("talk", Boolean(args.talk));
  document.documentElement.lang = args.language;
  document.getElementById("track").setAttribute("aria-label", args.texts.progress);
  const charts = JSON.stringify([args.specs, args.config]);
  if (charts === panel.charts && args.feed === panel.feed) {
    if (args.stopping && !panel.stopping && panel.timer) startPolling(STOPPING_POLL_MS);
    panel.stopping = Boolean(args.stopping);
    return;
  }
  const mine = ++generation;
  stopPolling();
  if (args.feed) preloadNow();
  const started = args.feed && args.feed !== panel.feed;
  const ended = panel.feed && !args.feed; // the page now draws the run's outcome below
  if (charts !== panel.charts) panel.ready = buildViews(args.specs, args.config, panel.ready);
  if (started) panel.shown = false;
  Object.assign(panel, { charts, feed: args.feed, views: {}, counts: {}, revision: null, ended: false, layer: null });
  showFirstLayer(null);
  panel.stopping = Boolean(args.stopping);
  showStatus({ name: "", text: args.texts.preparing, fraction: 0 });
  fitFrame();
  if (ended && args.talk) showOutcome();
  const views = await panel.ready;
  if (mine !== generation) return; // newer arguments came meanwhile
  panel.views = views;
  if (panel.drawn) {
    panel.drawn = false; // a past run's points: gone before the next run shows
    for (const view of Object.values(views)) await view.data("rows", []).runAsync();
  }
  if (!args.feed) return;
  await poll();
  if (mine === generation && !panel.ended) startPolling(panel.stopping ? STOPPING_POLL_MS : POLL_MS);
}

// The views of the given specs, once the views built before them are gone.
async function buildViews(specs, config, before) {
  for (const view of Object.values(await before)) view.finalize();
  for (const chart of document.querySelectorAll("#charts > div")) chart.replaceChildren();
  try {
    await preloadTime; // not while the app's first page is still being drawn
    await loadVega();
  } catch (error) {
    return {}; // the scripts did not load: no curves, the status line still shows the run
  }
  const views = {};
  for (const [name, spec] of Object.entries(specs)) {
    const full = { ...spec, data: { name: "rows" }, width: "container" };
    views[name] = (await vegaEmbed(`#${name}`, full, { actions: false, config })).view;
  }
  return views;
}

function startPolling(every) {
  stopPolling();
  panel.timer = setInterval(poll, every);
}

function stopPolling() {
  clearInterval(panel.timer);
  panel.timer = null;
}

async function poll() {
  // Not while the last one waits for a busy server, nor while the tab is out of sight.
  if (panel.polling || document.hidden) return;
  panel.polling = true;
  try {
    await fetchAndDraw(panel.feed, panel.views);
  } finally {
    panel.polling = false;
  }
}

async function fetchAndDraw(feedName, views) {
  let feed;
  try {
    const response = await fetch(feedName, { cache: "no-store" });
    if (!response.ok) return; // not written yet: the next poll will find it
    feed = await response.json();
  } catch (error) {
    return; // the server is busy or restarting: try again at the next poll
  }
  if (feedName !== panel.feed || views !== panel.views) return; // a new run took the panel meanwhile
  showStatus(feed);
  if ((feed.first_layer?.number ?? null) !== panel.layer) showFirstLayer(feed.first_layer);
  if (feed.first_layer) nameFirstLayer(feed.first_layer); // the language may have changed meanwhile
  for (const [name, parts] of Object.entries(feed.charts)) {
    if (views[name]) await update(views[name], name, parts, feed.revision !== panel.revision);
  }
  panel.revision = feed.revision;
  if (!panel.shown) {
    panel.shown = true;
    comeIntoView();
  }
  if (feed.outcome && !panel.ended) {
    panel.ended = true; // Streamlit reruns the page, which then draws the finished run itself
    stopPolling();
    send("streamlit:setComponentValue", { value: `${feed.outcome} ${panel.feed}`, dataType: "json" });
  }
}

function showStatus(feed) {
  document.getElementById("name").textContent = feed.name;
  document.getElementById("text").textContent = feed.text;
  const percent = Math.round(100 * feed.fraction);
  document.getElementById("fill").style.width = `${percent}%`;
  document.getElementById("track").setAttribute("aria-valuenow", String(percent));
}

// The run's latest snapshot of its first layer (fashion_lab/training/snapshots.py): each tile a
// square of weights as whole numbers -99..99 of one scale (a byte each, base64, tile after tile,
// row by row), red adding, blue subtracting, white 0.
const RED = [178, 24, 43], WHITE = [247, 247, 247], BLUE = [33, 102, 172];

function weightColour(level) {
  const share = Math.min(1, Math.abs(level) / 99);
  const end = level > 0 ? RED : BLUE;
  return WHITE.map((white, i) => Math.round(white + (end[i] - white) * share));
}

function showFirstLayer(layer) {
  const box = document.getElementById("layer");
  panel.layer = layer ? layer.number : null;
  box.hidden = !layer;
  if (!layer) return;
  const levels = Int8Array.from(atob(layer.levels), (byte) => byte.charCodeAt(0));
  const pixels = layer.side * layer.side;
  const tiles = Array.from({ length: layer.count }, (_, t) => {
    const canvas = Object.assign(document.createElement("canvas"), { width: layer.side, height: layer.side });
    canvas.className = layer.layer;
    const context = canvas.getContext("2d");
    const image = context.createImageData(layer.side, layer.side);
    levels.subarray(t * pixels, (t + 1) * pixels).forEach((level, i) => {
      image.data.set([...weightColour(level), 255], 4 * i);
    });
    context.putImageData(image, 0, 0);
    return canvas;
  });
  document.getElementById("layer-tiles").replaceChildren(...tiles);
}

// The layer's title and its tiles' name for a screen reader, as the feed says them (only a
// changed text is set: an unchanged one would still cost the page a layout).
function nameFirstLayer(layer) {
  const title = document.getElementById("layer-title");
  if (title.textContent !== layer.title) title.textContent = layer.title;
  const tiles = document.getElementById("layer-tiles");
  if (tiles.getAttribute("aria-label") !== layer.tiles) tiles.setAttribute("aria-label", layer.tiles);
}

// parts: lists of rows that only ever grow (batch points, epoch points); insert what is new.
async function update(view, name, parts, replace) {
  panel.drawn = true;
  const counts = panel.counts[name];
  panel.counts[name] = parts.map((rows) => rows.length);
  if (replace || !counts) {
    view.data("rows", parts.flat());
  } else {
    const fresh = parts.flatMap((rows, i) => rows.slice(counts[i]));
    if (fresh.length === 0) return;
    view.change("rows", vega.changeset().insert(fresh));
  }
  await view.resize().runAsync(); // relayout: wider axis labels must not be cut off
}

window.addEventListener("message", (event) => {
  if (event.data && event.data.type === "streamlit:render") render(event.data.args);
});
document.addEventListener("visibilitychange", () => panel.timer && poll()); // back in sight: now
new ResizeObserver(fitFrame).observe(document.body);
send("streamlit:componentReady", { apiVersion: 1 });
