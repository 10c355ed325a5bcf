// newsevents explorer: draws the charts, the map and the network from the JSON each page embeds.
// Text goes into the page only through textContent; links are built with URLSearchParams.
(function () {
  "use strict";
  const QUAD = { 1: "Verbal cooperation", 2: "Material cooperation", 3: "Verbal conflict", 4: "Material conflict" };
  const COLOR = { 1: "#3b7dd8", 2: "#2a9d5c", 3: "#e39b1b", 4: "#d1432f" };
  const page = document.body.dataset.page;
  const dataEl = document.getElementById("page-data");
  const data = dataEl ? JSON.parse(dataEl.textContent) : null;
  const params = new URLSearchParams(window.location.search);

  function el(tag, text, attrs) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    return node;
  }

  function link(path, query, text) {
    const q = new URLSearchParams(query);
    return el("a", text, { href: path + "?" + q.toString() });
  }

  function filterParams(extra) {
    const out = Object.assign({}, data && data.filter ? data.filter : {}, extra || {});
    for (const k of Object.keys(out)) if (out[k] === null || out[k] === "") delete out[k];
    return out;
  }

  function missing(what) {
    const box = document.getElementById(what);
    if (box) box.appendChild(el("p", "This view needs its browser library; see the tables below.", { class: "notice" }));
  }

  function overview() {
    const canvas = document.getElementById("quad-chart");
    if (!canvas || !data) return;
    if (typeof Chart === "undefined") return;
    const periods = data.periods || [...new Set(data.series.map((r) => r.period))];
    const index = new Map(periods.map((p, i) => [p, i]));
    const datasets = [1, 2, 3, 4].map((q) => {
      const values = new Array(periods.length).fill(0);
      for (const r of data.series) if (r.quad === q) values[index.get(r.period)] = r.n;
      return { label: QUAD[q], data: values, backgroundColor: COLOR[q], stack: "q" };
    });
    new Chart(canvas, {
      type: "bar",
      data: { labels: periods, datasets },
      options: {
        maintainAspectRatio: false, animation: false,
        scales: { x: { stacked: true }, y: { stacked: true, title: { display: true, text: "events" } } },
        onClick: (evt, items) => {
          if (!items.length) return;
          const p = periods[items[0].index];
          window.location.href = "/events?" + new URLSearchParams(filterParams({ since: p, quad: items[0].datasetIndex + 1 }));
        },
      },
    });
  }

  function dyad() {
    const canvas = document.getElementById("dyad-chart");
    if (!canvas || !data || typeof Chart === "undefined") return;
    const labels = data.series.map((r) => r.period);
    new Chart(canvas, {
      data: {
        labels,
        datasets: [
          { type: "line", label: "net (sum of Goldstein)", data: data.series.map((r) => r.net), borderColor: "#17324f",
            backgroundColor: "#17324f", pointRadius: 2, tension: 0.2, order: 0 },
          { type: "bar", label: "cooperation (positive Goldstein)", data: data.series.map((r) => r.cooperation),
            backgroundColor: COLOR[2], stack: "g", order: 1 },
          { type: "bar", label: "conflict (negative Goldstein)", data: data.series.map((r) => r.conflict),
            backgroundColor: COLOR[4], stack: "g", order: 1 },
        ],
      },
      options: {
        maintainAspectRatio: false, animation: false,
        scales: { x: { stacked: true }, y: { stacked: true, title: { display: true, text: "Goldstein-weighted events" } } },
      },
    });
  }

  function map() {
    const box = document.getElementById("map");
    if (!box || !data) return;
    if (typeof L === "undefined" || typeof topojson === "undefined") return missing("map");
    const lat = parseFloat(params.get("lat")), lon = parseFloat(params.get("lon")), z = parseInt(params.get("z"), 10);
    const m = L.map(box, { worldCopyJump: true, minZoom: 1, maxZoom: 10 });
    if (Number.isFinite(lat) && Number.isFinite(lon) && Number.isFinite(z)) m.setView([lat, lon], z);
    else m.setView([25, 10], 2);
    fetch("/static/vendor/countries-110m.json").then((r) => r.json()).then((world) => {
      const countries = topojson.feature(world, world.objects.countries);
      L.geoJSON(countries, { style: { color: "#9aa8b6", weight: 0.6, fillColor: "#fbfbf8", fillOpacity: 1 }, interactive: false })
        .addTo(m).bringToBack();
    }).catch(() => box.dataset.outlines = "missing");
    const max = Math.max(1, ...data.points.map((p) => p.events));
    for (const p of data.points) {
      const marker = L.circleMarker([p.lat, p.lon], {
        radius: 3 + 17 * Math.sqrt(p.events / max), color: COLOR[p.quad] || "#555", weight: 1,
        fillColor: COLOR[p.quad] || "#555", fillOpacity: 0.55,
      }).addTo(m);
      const pop = el("div");
      pop.appendChild(el("b", p.name || "(unnamed)"));
      pop.appendChild(el("div", (p.country || "") + " · " + p.events + " events · mean Goldstein " + p.goldstein));
      pop.appendChild(link("/events", filterParams({ place: p.name || p.country || "" }), "events here"));
      marker.bindPopup(pop);
    }
    // the view is part of the URL, so a map can be shared as it is seen
    m.on("moveend", () => {
      const c = m.getCenter();
      params.set("lat", c.lat.toFixed(2));
      params.set("lon", c.lng.toFixed(2));
      params.set("z", String(m.getZoom()));
      history.replaceState(null, "", "?" + params.toString());
    });
    box.dataset.ready = "1";
  }

  function network() {
    const box = document.getElementById("network");
    if (!box || !data) return;
    if (typeof cytoscape === "undefined") return missing("network");
    const maxEdge = Math.max(1, ...data.edges.map((e) => e.events));
    const maxNode = Math.max(1, ...data.nodes.map((n) => n.events));
    const elements = [
      ...data.nodes.map((n) => ({ data: { id: "n:" + n.id, label: n.id, events: n.events } })),
      ...data.edges.map((e, i) => ({ data: { id: "e" + i, source: "n:" + e.source, target: "n:" + e.target,
        events: e.events, color: COLOR[e.quad] || "#888", dyad: e.source + "," + e.target } })),
    ];
    const cy = cytoscape({
      container: box, elements, wheelSensitivity: 0.3,
      style: [
        { selector: "node", style: { label: "data(label)", "font-size": 10, "text-valign": "center", color: "#1d232b",
          "background-color": "#cfd9e6", "border-color": "#7d8fa5", "border-width": 1,
          width: (n) => 14 + 36 * Math.sqrt(n.data("events") / maxNode), height: (n) => 14 + 36 * Math.sqrt(n.data("events") / maxNode) } },
        { selector: "edge", style: { width: (e) => 1 + 7 * Math.sqrt(e.data("events") / maxEdge), "line-color": "data(color)",
          "target-arrow-color": "data(color)", "target-arrow-shape": "triangle", "curve-style": "bezier", opacity: 0.75 } },
      ],
      layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: () => 60000, idealEdgeLength: () => 90 },
    });
    cy.on("tap", "edge", (evt) => {
      window.location.href = "/dyad?" + new URLSearchParams(filterParams({ dyad: evt.target.data("dyad") }));
    });
    cy.on("tap", "node", (evt) => {
      const id = evt.target.data("label");
      const extra = /^[A-Z]{3}$/.test(id) ? { country: id } : { actor: id };
      window.location.href = "/events?" + new URLSearchParams(filterParams(extra));
    });
    box.dataset.ready = "1";
  }

  function docs() {
    const box = document.getElementById("swagger-ui");
    if (!box || typeof SwaggerUIBundle === "undefined") return;
    SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
  }

  // Leave empty fields out of the URL, so shared links carry only the filters in use.
  for (const form of document.querySelectorAll("form.filters")) {
    form.addEventListener("submit", () => {
      for (const input of form.querySelectorAll("input, select")) if (!input.value) input.disabled = true;
    });
  }

  const init = { overview, dyad, map, network, docs }[page];
  if (init) init();
})();
