// detente chart layer: the one set of SVG charts drawn by the workbench (`detente serve`)
// and by report.html (a snapshot of the same views). No library: every chart is a few
// dozen lines of SVG, so the page stays one small self-contained file, charts export as
// SVG (and PNG through a canvas) exactly as shown, and text stays real <text> whose boxes
// the browser tests measure. Conventions fixed here once for every chart:
//   - numbers: probabilities as percentages with one decimal ("64.8%"), positions on a
//     0–100 scale with one decimal, indices with two decimals (Charts.fmt);
//   - axes have nice ticks (1, 2, 2.5, 5 × 10^k), a label, and never clip their last label;
//   - labels in a column are decluttered (moved apart, never drawn over each other);
//   - every series has its own colour from a 12-colour palette (Okabe–Ito + 4), so that a
//     legend of up to 12 kinds never repeats a colour;
//   - charts are drawn into a viewBox and scale down with the page (no horizontal scroll).
"use strict";
const Charts = (() => {
  const NS = "http://www.w3.org/2000/svg";
  const palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999933",
                   "#000000", "#7F3C8D", "#11A579", "#A5AA99", "#80BA5A"];
  const positive = "#009E73", negative = "#D55E00", neutral = "#777777";
  const colour = (i) => palette[((i % palette.length) + palette.length) % palette.length];

  const fmt = {
    pct: (p) => (p == null || isNaN(p) ? "n/a" : (100 * p).toFixed(1) + "%"),
    pos: (x) => (x == null || isNaN(x) ? "n/a" : Number(x).toFixed(1)),
    idx: (x) => (x == null || isNaN(x) ? "n/a" : Number(x).toFixed(2)),
    tie: (x) => (x == null || isNaN(x) ? "n/a" : (x >= 0 ? "+" : "−") + Math.abs(x).toFixed(2)),
  };

  // Text cut to about `px` pixels at the charts' 11 px font (the full text stays in a tooltip).
  const fit = (text, px) => {
    const n = Math.max(4, Math.floor(px / 6.3));
    return text.length > n ? text.slice(0, n - 1) + "…" : text;
  };

  function el(name, attrs, parent, text) {
    const e = document.createElementNS(NS, name);
    for (const k in attrs || {}) if (attrs[k] != null) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }

  // An <svg> of logical size w×h that scales to its container's width.
  function svg(w, h, title) {
    const s = el("svg", { viewBox: `0 0 ${w} ${h}`, class: "chart", role: "img",
                          xmlns: NS, "font-family": "system-ui, sans-serif", "font-size": 11 });
    s.style.maxWidth = w + "px";
    if (title) el("title", {}, s, title);
    return s;
  }

  const linear = (d0, d1, r0, r1) => {
    const f = (v) => (d1 === d0 ? (r0 + r1) / 2 : r0 + ((v - d0) / (d1 - d0)) * (r1 - r0));
    f.domain = [d0, d1];
    return f;
  };

  // "Nice" ticks covering [lo, hi] with about n intervals.
  function ticks(lo, hi, n = 5) {
    if (!(hi > lo)) return [lo];
    const raw = (hi - lo) / n, mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw);
    const out = [];
    for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step)
      out.push(Math.abs(v) < step * 1e-9 ? 0 : +v.toPrecision(12));
    return out;
  }

  // Moves the values of `ys` (label centres) apart to at least `gap`, keeping their order
  // and staying inside [lo, hi]; returns the new positions in the input order.
  function declutter(ys, gap, lo, hi) {
    const order = ys.map((y, i) => [y, i]).sort((a, b) => a[0] - b[0]);
    const out = order.map((p) => p[0]);
    for (let k = 1; k < out.length; ++k) out[k] = Math.max(out[k], out[k - 1] + gap);
    if (out.length && out[out.length - 1] > hi) {
      out[out.length - 1] = hi;
      for (let k = out.length - 2; k >= 0; --k) out[k] = Math.min(out[k], out[k + 1] - gap);
    }
    if (out.length && out[0] < lo) {
      const shift = lo - out[0];
      for (let k = 0; k < out.length; ++k) out[k] += shift;
    }
    const res = new Array(ys.length);
    order.forEach((p, k) => (res[p[1]] = out[k]));
    return res;
  }

  // A horizontal axis at y with ticks and an optional label under it.
  function xAxis(s, x, y, values, format, label) {
    const g = el("g", { class: "axis" }, s);
    el("line", { x1: x(x.domain[0]), x2: x(x.domain[1]), y1: y, y2: y, stroke: "#999" }, g);
    for (const v of values) {
      el("line", { x1: x(v), x2: x(v), y1: y, y2: y + 4, stroke: "#999" }, g);
      el("text", { x: x(v), y: y + 15, "text-anchor": "middle", fill: "#555", class: "tick" }, g,
         format(v));
    }
    if (label) el("text", { x: (x(x.domain[0]) + x(x.domain[1])) / 2, y: y + 30,
                            "text-anchor": "middle", fill: "#333", class: "axis-label" }, g, label);
    return g;
  }

  function yAxis(s, y, x, values, format, label, top) {
    const g = el("g", { class: "axis" }, s);
    el("line", { x1: x, x2: x, y1: y(y.domain[0]), y2: y(y.domain[1]), stroke: "#999" }, g);
    for (const v of values) {
      el("line", { x1: x - 4, x2: x, y1: y(v), y2: y(v), stroke: "#999" }, g);
      el("line", { x1: x, x2: 10000, y1: y(v), y2: y(v), stroke: "#eee", class: "grid" }, g);
      el("text", { x: x - 7, y: y(v) + 4, "text-anchor": "end", fill: "#555", class: "tick" }, g,
         format(v));
    }
    if (label) el("text", { x: 4, y: top != null ? top : y(y.domain[1]) - 10, fill: "#333",
                            class: "axis-label" }, g, label);
    return g;
  }

  // A legend in rows that wrap inside width w, from x0 at y0; returns the height used.
  function legend(s, items, x0, y0, w) {
    let x = x0, y = y0;
    const g = el("g", { class: "legend" }, s);
    for (const it of items) {
      const width = 18 + 6.5 * it.label.length + 14;
      if (x + width > x0 + w && x > x0) { x = x0; y += 16; }
      if (it.line) el("line", { x1: x, x2: x + 12, y1: y - 4, y2: y - 4, stroke: it.colour,
                                "stroke-width": 3 }, g);
      else el("rect", { x, y: y - 9, width: 11, height: 11, fill: it.colour }, g);
      el("text", { x: x + 16, y, fill: "#333" }, g, it.label);
      x += width;
    }
    return y - y0 + 16;
  }

  // Forecasts by model on each issue: one row per model (so coincident forecasts never hide
  // each other) and a separate row of actor positions (dot area ∝ capability × salience).
  // data: {issues: [{id, name, low, high, min, max, status_quo,
  //                  forecasts: [{model, value}], actors: [{id, value, weight}]}]}
  function forecastDots(data) {
    const models = data.issues.length ? data.issues[0].forecasts.map((f) => f.model) : [];
    const rowH = 15, left = 170, right = 40, w = 760;
    const panelH = (models.length + 1) * rowH + 70;
    const s = svg(w, data.issues.length * panelH + 30, "Forecasts by model");
    data.issues.forEach((is, k) => {
      const top = k * panelH + 18;
      const x = linear(is.min, is.max, left, w - right);
      el("text", { x: 0, y: top, "font-weight": 600, fill: "#1d3557", class: "panel-title" }, s,
         is.name);
      const rows = models.concat(["actors"]);
      rows.forEach((m, r) => {
        const y = top + 14 + r * rowH;
        el("text", { x: left - 8, y: y + 4, "text-anchor": "end", fill: "#333", class: "row-label" },
           s, m === "actors" ? "actor positions" : m);
        el("line", { x1: left, x2: w - right, y1: y, y2: y, stroke: "#eee" }, s);
      });
      if (is.status_quo != null)
        el("line", { x1: x(is.status_quo), x2: x(is.status_quo), y1: top + 6,
                     y2: top + 14 + models.length * rowH + 4, stroke: "#bbb",
                     "stroke-dasharray": "3,3", class: "sq" }, s);
      is.forecasts.forEach((f, r) => {
        const y = top + 14 + r * rowH;
        el("circle", { cx: x(f.value), cy: y, r: 4.5, fill: colour(r), class: "forecast" }, s)
          .appendChild(el("title", {}, null, `${f.model}: ${fmt.pos(f.value)}`));
        el("text", { x: x(f.value) + 8, y: y + 4, fill: "#555", class: "value" }, s, fmt.pos(f.value));
      });
      const ya = top + 14 + models.length * rowH;
      const maxW = Math.max(1e-9, ...is.actors.map((a) => a.weight));
      for (const a of is.actors)
        el("circle", { cx: x(a.value), cy: ya, r: 2 + 5 * Math.sqrt(a.weight / maxW),
                       fill: "#1d3557", "fill-opacity": 0.35, stroke: "#1d3557" }, s)
          .appendChild(el("title", {}, null, `${a.id}: ${fmt.pos(a.value)}`));
      xAxis(s, x, ya + 12, ticks(is.min, is.max, 4), (v) => String(v), null);
      // The scale's two ends in words, each on its own line (they are often long).
      el("text", { x: left, y: ya + 40, fill: "#777", class: "end" }, s, `${is.min}: ${is.low || ""}`);
      el("text", { x: w - right, y: ya + 54, fill: "#777", "text-anchor": "end", class: "end" }, s,
         `${is.max}: ${is.high || ""}`);
    });
    return s;
  }

  // Lines over x (rounds or months). series: [{name, points: [[x, y]], colour?, dash?}],
  // bands: [{lo: [[x, y]], hi: [[x, y]], colour, opacity}], marks: [{x, label}] (vertical
  // lines, labelled in a staggered row above the plot), note: text under the title.
  function lines(o) {
    const w = o.width || 760, h = o.height || 300, left = 56, right = 110;
    // Rows from the top: title, note, the y axis's label, the event marks' labels, the plot.
    const markRows = o.marks && o.marks.length ? Math.min(3, o.marks.length) : 0;
    const labelY = 32 + (o.note ? 16 : 0);
    const top = labelY + 10 + markRows * 13 + (markRows ? 4 : 0), bottom = 44;
    const s = svg(w, h, o.title);
    let xs = [], ys = [];
    for (const se of o.series || []) for (const p of se.points) { xs.push(p[0]); ys.push(p[1]); }
    for (const b of o.bands || []) for (const p of b.lo.concat(b.hi)) { xs.push(p[0]); ys.push(p[1]); }
    const x0 = o.xDomain ? o.xDomain[0] : Math.min(...xs), x1 = o.xDomain ? o.xDomain[1] : Math.max(...xs);
    const y0 = o.yDomain ? o.yDomain[0] : Math.min(...ys), y1 = o.yDomain ? o.yDomain[1] : Math.max(...ys);
    const x = linear(x0, x1 === x0 ? x0 + 1 : x1, left, w - right);
    const y = linear(y0, y1 === y0 ? y0 + 1 : y1, h - bottom, top);
    if (o.title) el("text", { x: 0, y: 14, "font-weight": 600, fill: "#1d3557", class: "panel-title" }, s, o.title);
    if (o.note) el("text", { x: 0, y: 32, fill: "#555", class: "note" }, s, o.note);
    yAxis(s, y, left, ticks(y.domain[0], y.domain[1], 4), o.yFormat || ((v) => String(v)), o.yLabel,
          labelY);
    const xt = o.xTicks || ticks(x0, x1, Math.min(8, Math.max(1, x1 - x0)));
    xAxis(s, x, h - bottom, xt, o.xFormat || ((v) => String(v)), o.xLabel);
    for (const b of o.bands || []) {
      const pts = b.lo.map((p) => `${x(p[0])},${y(p[1])}`).concat(
        b.hi.slice().reverse().map((p) => `${x(p[0])},${y(p[1])}`));
      el("polygon", { points: pts.join(" "), fill: b.colour, "fill-opacity": b.opacity || 0.2 }, s);
    }
    // Event marks: every line drawn; each label goes to the first row where it does not
    // touch the previous label (about 6.3 px a character); one that fits no row is left to
    // the line's tooltip.
    const rowEnd = new Array(markRows).fill(-Infinity);
    (o.marks || []).slice().sort((a, b) => a.x - b.x).forEach((m) => {
      const mx = x(m.x);
      el("line", { x1: mx, x2: mx, y1: top, y2: h - bottom, stroke: "#888", "stroke-dasharray": "2,3" }, s)
        .appendChild(el("title", {}, null, m.label));
      const width = 6.3 * m.label.length;
      const anchor = mx > w - right - width / 2 ? "end" : mx < left + width / 2 ? "start" : "middle";
      const x0 = anchor === "start" ? mx : anchor === "end" ? mx - width : mx - width / 2;
      const row = rowEnd.findIndex((end) => end + 8 < x0);
      if (row < 0) return;
      rowEnd[row] = x0 + width;
      el("text", { x: mx, y: top - 8 - row * 13, "text-anchor": anchor, fill: "#444", class: "mark" }, s, m.label);
    });
    const ends = [];
    (o.series || []).forEach((se, k) => {
      const c = se.colour || colour(k);
      el("polyline", { points: se.points.map((p) => `${x(p[0])},${y(p[1])}`).join(" "), fill: "none",
                       stroke: c, "stroke-width": se.width || 2, "stroke-dasharray": se.dash }, s)
        .appendChild(el("title", {}, null, se.name));
      const last = se.points[se.points.length - 1];
      if (last && se.label !== false) ends.push({ y: y(last[1]), name: se.name, c });
    });
    const placed = declutter(ends.map((e) => e.y), 15, top, h - bottom);
    ends.forEach((e, k) => el("text", { x: w - right + 6, y: placed[k] + 4, fill: e.c, class: "end-label" },
                              s, e.name));
    return s;
  }

  // Events on a time axis, one lane per kind, each kind its own colour (legend below);
  // titles are shown on hover, labels only for the lanes.
  // events: [{date: "YYYY-MM-DD", kind, title, status}]
  function timeline(events, o = {}) {
    const kinds = [...new Set(events.map((e) => e.kind))];
    const w = 760, left = 110, right = 30, laneH = 18, top = 10;
    const t = (d) => Date.parse(d);
    const ts = events.map((e) => t(e.date));
    const lo = Math.min(...ts), hi = Math.max(...ts);
    const h = top + kinds.length * laneH + 40;
    const s = svg(w, h + 20 + 16 * Math.ceil(kinds.length / 5), "Timeline of events");
    const x = linear(lo, hi === lo ? lo + 1 : hi, left, w - right);
    kinds.forEach((k, i) => {
      const y = top + i * laneH + 8;
      el("text", { x: left - 8, y: y + 4, "text-anchor": "end", fill: "#333", class: "row-label" }, s, k);
      el("line", { x1: left, x2: w - right, y1: y, y2: y, stroke: "#eee" }, s);
    });
    for (const e of events) {
      const i = kinds.indexOf(e.kind), y = top + i * laneH + 8;
      const shape = e.status === "scheduled" || e.status === "planned"
        ? el("circle", { cx: x(t(e.date)), cy: y, r: 5, fill: "#fff", stroke: colour(i), "stroke-width": 2 }, s)
        : el("circle", { cx: x(t(e.date)), cy: y, r: 5, fill: colour(i) }, s);
      shape.setAttribute("class", "event");
      shape.appendChild(el("title", {}, null, `${e.date} ${e.title} (${e.status})`));
    }
    const years = [];
    for (let yr = new Date(lo).getUTCFullYear() + 1; yr <= new Date(hi).getUTCFullYear(); ++yr)
      years.push(Date.UTC(yr, 0, 1));
    const axis = linear(lo, hi === lo ? lo + 1 : hi, left, w - right);
    axis.domain = [lo, hi];
    xAxis(s, axis, top + kinds.length * laneH + 6, years, (v) => String(new Date(v).getUTCFullYear()), null);
    legend(s, [{ label: "held (filled)", colour: "#555" }, { label: "scheduled (open circle)", colour: "#fff" }],
           left, h + 10, w - left - right);
    return s;
  }

  // The signed network: nodes on a circle, one arc of it per bloc, coloured by bloc;
  // positive ties solid green, negative dashed orange, frustrated ties thicker.
  // net: {nodes: [id], side: [0|1], edges: [{a, b, sign, weight, frustrated}]}
  function network(net, names = {}) {
    const w = 520, h = 400, cx = w / 2, cy = h / 2 - 10, R = 140;
    const s = svg(w, h, "Relation network");
    const order = net.nodes.map((n, i) => i).sort((i, j) => net.side[i] - net.side[j] || i - j);
    const pos = {};
    order.forEach((i, k) => {
      const a = -Math.PI / 2 + (2 * Math.PI * (k + 0.5)) / order.length;
      pos[net.nodes[i]] = [cx + R * Math.cos(a), cy + R * Math.sin(a), a];
    });
    for (const e of net.edges) {
      const [x1, y1] = pos[e.a], [x2, y2] = pos[e.b];
      el("line", { x1, y1, x2, y2, stroke: e.sign > 0 ? positive : negative,
                   "stroke-width": (e.frustrated ? 2 : 0.8) + 2.5 * e.weight,
                   "stroke-dasharray": e.sign > 0 ? null : "5,3", "stroke-opacity": 0.75, class: "tie" }, s)
        .appendChild(el("title", {}, null, `${e.a}–${e.b}: ${fmt.tie(e.sign * e.weight)}${e.frustrated ? " (frustrated)" : ""}`));
    }
    const blocColour = ["#1d3557", "#b5179e"];
    net.nodes.forEach((n, i) => {
      const [x, y, a] = pos[n];
      el("circle", { cx: x, cy: y, r: 13, fill: blocColour[net.side[i]] || neutral, class: "node" }, s);
      const lx = cx + (R + 30) * Math.cos(a), ly = cy + (R + 30) * Math.sin(a) + 4;
      el("text", { x: lx, y: ly, "text-anchor": Math.abs(Math.cos(a)) < 0.3 ? "middle" : Math.cos(a) > 0 ? "start" : "end",
                   fill: "#222", "font-weight": 600, class: "node-label" }, s, names[n] ? `${n}` : n);
    });
    legend(s, [{ label: "bloc A", colour: blocColour[0] }, { label: "bloc B", colour: blocColour[1] },
               { label: "positive tie", colour: positive, line: true },
               { label: "negative tie", colour: negative, line: true }], 10, h - 12, w - 20);
    return s;
  }

  // Horizontal bars with 95% intervals. rows: [{label, value, low, high, colour?}] on [0, 1]
  // (probabilities) unless o.domain; values drawn as percentages unless o.format.
  function intervalBars(rows, o = {}) {
    const w = 760, left = o.left || 300, right = 70, rowH = 20, top = 8;
    const h = top + rows.length * rowH + 40;
    const s = svg(w, h, o.title);
    const d = o.domain || [0, 1], f = o.format || fmt.pct;
    const x = linear(d[0], d[1], left, w - right);
    rows.forEach((r, k) => {
      const y = top + k * rowH;
      el("text", { x: left - 8, y: y + 13, "text-anchor": "end", fill: "#333", class: "row-label" }, s,
         fit(r.label, left - 12)).appendChild(el("title", {}, null, r.label));
      el("rect", { x: x(Math.max(d[0], 0)), y: y + 4, width: Math.max(0, x(Math.max(d[0], r.value)) - x(Math.max(d[0], 0))),
                   height: 11, fill: r.colour || "#457b9d", class: "bar" }, s);
      if (r.low != null) {
        el("line", { x1: x(r.low), x2: x(r.high), y1: y + 9.5, y2: y + 9.5, stroke: "#222", "stroke-width": 1.3 }, s);
        el("line", { x1: x(r.low), x2: x(r.low), y1: y + 5, y2: y + 14, stroke: "#222" }, s);
        el("line", { x1: x(r.high), x2: x(r.high), y1: y + 5, y2: y + 14, stroke: "#222" }, s);
      }
      el("text", { x: w - right + 6, y: y + 13, fill: "#333", class: "value" }, s, f(r.value));
    });
    xAxis(s, x, top + rows.length * rowH + 4, ticks(d[0], d[1], 5), o.tickFormat || ((v) => Math.round(100 * v) + "%"),
          o.axisLabel);
    return s;
  }

  // The sensitivity tornado: per input (ranked by total order), the total-order index ST
  // (light) and the first-order S1 (dark) with their 95% intervals as whiskers. Estimates
  // below 0 are sampling noise around 0 and are drawn at 0 with their value printed.
  // rows: [{label, s1, s1_low, s1_high, st, st_low, st_high}]
  function tornado(rows, o = {}) {
    rows = rows.slice().sort((a, b) => (isNaN(b.st) ? -1 : b.st) - (isNaN(a.st) ? -1 : a.st));
    const w = 760, left = 290, right = 140, rowH = 30, top = 22;
    const h = top + rows.length * rowH + 44;
    const s = svg(w, h, o.title);
    const hiV = Math.max(0.1, ...rows.map((r) => Math.max(r.st_high || 0, r.s1_high || 0)));
    const x = linear(0, Math.min(1, hiV * 1.05), left, w - right);
    legend(s, [{ label: "total order ST", colour: "#a8c5da" }, { label: "first order S1", colour: "#1d3557" },
               { label: "95% interval", colour: "#222", line: true }], left, 12, w - left - right);
    rows.forEach((r, k) => {
      const y = top + k * rowH;
      el("text", { x: left - 8, y: y + 17, "text-anchor": "end", fill: "#333", class: "row-label" }, s,
         fit(r.label, left - 12)).appendChild(el("title", {}, null, r.label));
      const bar = (v, lo, hi, yy, hh, c) => {
        el("rect", { x: x(0), y: yy, width: Math.max(0, x(Math.max(0, Math.min(v, x.domain[1]))) - x(0)), height: hh, fill: c }, s);
        if (lo != null && hi != null)
          el("line", { x1: x(Math.max(0, lo)), x2: x(Math.min(x.domain[1], Math.max(0, hi))), y1: yy + hh / 2, y2: yy + hh / 2,
                       stroke: "#222", "stroke-width": 1.2 }, s);
      };
      bar(r.st, r.st_low, r.st_high, y + 4, 10, "#a8c5da");
      bar(r.s1, r.s1_low, r.s1_high, y + 15, 10, "#1d3557");
      el("text", { x: w - right + 6, y: y + 17, fill: "#333", class: "value" }, s,
         `ST ${fmt.idx(r.st)} · S1 ${fmt.idx(r.s1)}`);
    });
    xAxis(s, x, top + rows.length * rowH + 4, ticks(0, x.domain[1], 5), (v) => v.toFixed(1),
          "share of the outcome's variance");
    return s;
  }

  // The SVG text of a chart, with the page's fonts inlined, for download.
  function svgText(node) {
    const copy = node.cloneNode(true);
    copy.setAttribute("xmlns", NS);
    const [, , w, h] = node.getAttribute("viewBox").split(" ").map(Number);
    copy.setAttribute("width", w);
    copy.setAttribute("height", h);
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(copy);
  }

  function download(name, text, type) {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text], { type }));
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  }

  function exportPng(node, name) {
    const [, , w, h] = node.getAttribute("viewBox").split(" ").map(Number);
    const img = new Image();
    img.onload = () => {
      const c = document.createElement("canvas");
      c.width = 2 * w; c.height = 2 * h;
      const g = c.getContext("2d");
      g.fillStyle = "#fff"; g.fillRect(0, 0, c.width, c.height);
      g.drawImage(img, 0, 0, c.width, c.height);
      c.toBlob((b) => {
        const a = document.createElement("a");
        a.href = URL.createObjectURL(b); a.download = name; a.click();
      });
    };
    img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svgText(node));
  }

  // RFC 4180 CSV of a header and rows.
  function csv(header, rows) {
    const q = (v) => { const t = v == null ? "" : String(v); return /[",\n\r]/.test(t) ? '"' + t.replace(/"/g, '""') + '"' : t; };
    return [header].concat(rows).map((r) => r.map(q).join(",")).join("\n") + "\n";
  }

  return { el, svg, linear, ticks, declutter, xAxis, yAxis, legend, colour, palette, fmt,
           forecastDots, lines, timeline, network, intervalBars, tornado, svgText, download,
           exportPng, csv, positive, negative };
})();
