// Draws a running job's progress and curves from its JSON feed (components/live_feed.py),
// fetched every 2 seconds, so the Streamlit page does not rerun while a model trains. New points
// are inserted into the Vega views; a new feed revision (the smoothing changed) replaces them.
"use strict";

const POLL_MS = 2000; // each update costs the browser ~15 ms of CPU, which training on 2 cores loses
const PRELOAD_MS = 3000; // after the app's first page is drawn, before Train is likely pressed
const VEGA = ["vendor/vega.min.js", "vendor/vega-lite.min.js", "vendor/vega-embed.min.js"];
let vegaLoaded = null;

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
  layout: null, feed: null, views: {}, counts: {}, revision: null, timer: null, ended: false, polling: false,
};

function send(type, fields) {
  window.parent.postMessage({ isStreamlitMessage: true, type, ...fields }, "*");
}

function fitFrame() {
  const height = document.body.hidden ? 0 : document.documentElement.scrollHeight;
  send("streamlit:setFrameHeight", { height });
}

async function render(args) {
  document.body.classList.toggle("talk", Boolean(args.talk));
  const layout = JSON.stringify(args);
  if (layout === panel.layout) return;
  panel.layout = layout;
  clearInterval(panel.timer);
  for (const view of Object.values(panel.views)) view.finalize();
  Object.assign(panel, { feed: args.feed, views: {}, counts: {}, revision: null, ended: false });
  document.body.hidden = !args.feed; // no run: an empty frame, its scripts ready for the next
  for (const chart of document.querySelectorAll("#charts > div")) chart.replaceChildren();
  if (!args.feed) return fitFrame();
  await loadVega();
  if (panel.layout !== layout) return; // newer arguments came while the scripts loaded
  const views = {};
  for (const [name, spec] of Object.entries(args.specs)) {
    const full = { ...spec, data: { name: "rows" }, width: "container" };
    views[name] = (await vegaEmbed(`#${name}`, full, { actions: false, config: args.config })).view;
  }
  if (panel.layout !== layout) return Object.values(views).forEach((view) => view.finalize());
  panel.views = views;
  fitFrame();
  await poll();
  panel.timer = setInterval(poll, POLL_MS);
}

async function poll() {
  if (panel.polling) return; // the last one is still waiting for a busy server
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
  for (const [name, parts] of Object.entries(feed.charts)) {
    await update(name, parts, feed.revision !== panel.revision);
  }
  panel.revision = feed.revision;
  if (feed.outcome && !panel.ended) {
    panel.ended = true; // Streamlit reruns the page, which then draws the finished run itself
    clearInterval(panel.timer);
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

// parts: lists of rows that only ever grow (batch points, epoch points); insert what is new.
async function update(name, parts, replace) {
  const view = panel.views[name];
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
new ResizeObserver(fitFrame).observe(document.body);
send("streamlit:componentReady", { apiVersion: 1 });
setTimeout(loadVega, PRELOAD_MS);
