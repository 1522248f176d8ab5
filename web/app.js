// detente workbench: the views of `detente serve`, and of report.html, which is the same
// page with the data of one run inlined (<script id="snapshot">) and no controls.
// Live, every number comes from the JSON API (docs/serve.md); the scenario's TOML text is
// the single source of truth: an edit rewrites one line of it, the server validates it
// with the same messages as `detente validate`, and the bargaining models rerun.
"use strict";
(() => {
  const C = Charts, F = Charts.fmt;
  const snapshot = JSON.parse(document.getElementById("snapshot").textContent);
  const live = snapshot === null;
  const token = new URLSearchParams(location.search).get("token");
  const state = { scenarios: [], name: null, toml: "", original: "", view: null, bargain: null,
                  network: null, simulation: null, alignment: null, runs: [], job: null,
                  model: "smp", dyad: null, output: 0, edits: 0 };

  // ---- small DOM helpers -------------------------------------------------------------
  const h = (tag, attrs, ...kids) => {
    const e = document.createElement(tag);
    for (const k in attrs || {}) {
      if (k.startsWith("on")) e.addEventListener(k.slice(2), attrs[k]);
      else if (attrs[k] != null && attrs[k] !== false) e.setAttribute(k, attrs[k] === true ? "" : attrs[k]);
    }
    for (const k of kids.flat()) if (k != null) e.append(k.nodeType ? k : document.createTextNode(String(k)));
    return e;
  };
  const $ = (id) => document.getElementById(id);
  const slug = (t) => String(t).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

  // A chart with its export buttons.
  function figure(svgNode, name, caption) {
    return h("figure", { class: "fig", "data-name": name }, svgNode,
      h("figcaption", {}, caption || "",
        h("span", { class: "exports" },
          h("button", { class: "export-svg", onclick: () => C.download(name + ".svg", C.svgText(svgNode), "image/svg+xml") }, "SVG"),
          h("button", { class: "export-png", onclick: () => C.exportPng(svgNode, name + ".png") }, "PNG"))));
  }

  // A table with a CSV export; cells are text, or nodes (inputs) with a data-csv value.
  function table(name, header, rows, numeric = []) {
    const csvRows = rows.map((r) => r.map((c) => (c && c.nodeType ? c.dataset.csv || c.value || c.textContent : c)));
    const t = h("table", { "data-name": name },
      h("thead", {}, h("tr", {}, header.map((x) => h("th", {}, x)))),
      h("tbody", {}, rows.map((r) => h("tr", {}, r.map((c, i) => h("td", { class: numeric.includes(i) ? "num" : null }, c))))));
    return h("div", { class: "table-wrap" }, t,
      h("button", { class: "export-csv", onclick: () => C.download(name + ".csv", C.csv(header, csvRows), "text/csv") }, "CSV"));
  }

  function section(id, title, ...kids) {
    const s = $(id) || h("section", { id });
    s.replaceChildren(h("h2", {}, title), ...kids);
    return s;
  }

  // ---- the API --------------------------------------------------------------------------
  async function api(method, path, body, raw) {
    const headers = {};
    if (token) headers.Authorization = "Bearer " + token;
    if (body != null) headers["Content-Type"] = raw ? "application/toml" : "application/json";
    const r = await fetch(path, { method, headers, body: body == null ? undefined : raw ? body : JSON.stringify(body) });
    let json = null;
    try { json = await r.json(); } catch (e) { json = { error: "not JSON: HTTP " + r.status }; }
    return { status: r.status, json };
  }

  // ---- editing the TOML text ------------------------------------------------------------
  // Rewrites `field = …` in the table that starts at `line` (1-based) of the scenario text.
  // A distribution given for the value is dropped (the edit is a point judgement), and the
  // old text is kept in a comment so that the downloaded file says what was changed.
  function patchToml(toml, line, fieldLine, field, value) {
    const lines = toml.split("\n");
    let at = fieldLine > 0 && new RegExp("^\\s*" + field + "\\s*=").test(lines[fieldLine - 1] || "") ? fieldLine - 1 : -1;
    for (let k = line; at < 0 && k < lines.length && !/^\s*\[/.test(lines[k]); ++k)
      if (new RegExp("^\\s*" + field + "\\s*=").test(lines[k])) at = k;
    const text = `${field} = ${value}`;
    if (at < 0) lines.splice(line, 0, text);
    else {
      const old = lines[at].replace(/^\s*\S+\s*=\s*/, "").replace(/\s*#.*$/, "");
      lines[at] = `${text}  # edited in the workbench (was ${old.length > 60 ? old.slice(0, 57) + "..." : old})`;
    }
    return lines.join("\n");
  }

  function showDiagnostics(diags) {
    const box = $("diagnostics");
    if (!box) return;
    box.replaceChildren(...(diags || []).map((d) =>
      h("li", {}, `${d.file}:${d.line}: ${d.field ? `field '${d.field}': ` : ""}${d.message}`)));
    box.hidden = !diags || !diags.length;
  }

  async function edit(entity, field, input) {
    const value = Number(input.value);
    const next = patchToml(state.toml, entity.line, (entity[field] && entity[field].line) || 0, field, input.value.trim());
    if (input.value.trim() === "" || !isFinite(value)) {
      showDiagnostics([{ file: "edit", line: entity.line, field, message: "expected a number" }]);
      return;
    }
    const t0 = performance.now();
    const r = await api("POST", "/api/bargain", { scenario: next });
    const answered = performance.now();
    if (r.status !== 200) {
      input.classList.add("invalid");
      showDiagnostics(r.json.diagnostics || [{ file: "", line: 0, field: "", message: r.json.error }]);
      return;
    }
    input.classList.remove("invalid");
    showDiagnostics([]);
    state.toml = next;
    state.edits += 1;
    if (entity[field]) entity[field].value = value;
    state.bargain = r.json;
    renderBargaining();
    const ms = performance.now() - t0;
    $("recompute").textContent = `Recomputed all models in ${ms.toFixed(0)} ms (answer ${(answered - t0).toFixed(0)} ms, ` +
      `drawing ${(ms - (answered - t0)).toFixed(0)} ms) after ${state.edits} edit(s).`;
    $("recompute").dataset.ms = ms.toFixed(1);
    $("recompute").dataset.answerMs = (answered - t0).toFixed(1);
    if (field === "weight") loadNetwork();
  }

  const numberInput = (entity, field, step, min, max) => {
    const i = h("input", { type: "number", step, min, max, value: entity[field].value, class: "edit",
                           "data-field": field, "aria-label": field });
    i.dataset.csv = entity[field].value;
    i.addEventListener("change", () => edit(entity, field, i));
    return i;
  };

  // ---- views ---------------------------------------------------------------------------
  const actorName = (id) => ((state.view.actors.find((a) => a.id === id) || {}).name || id);
  const issueOf = (id) => state.view.issues.find((i) => i.id === id);

  function renderScenario() {
    const v = state.view;
    const kids = [h("p", { class: "lead" }, v.description || ""),
      h("p", { class: "note" }, `${v.actors.length} actors, ${v.issues.length} issues, ${v.positions.length} positions, ` +
        `${v.relations.length} relations, ${v.events.length} events` + (v.as_of ? `; as of ${v.as_of}.` : "."))];
    kids.push(h("h3", {}, "Actors"),
      table("actors", ["id", "name", "capability", "tags"],
            v.actors.map((a) => [a.id, a.name, F.idx(a.capability.value), a.tags.join(", ")]), [2]));
    kids.push(h("h3", {}, "Issues"),
      table("issues", ["id", "issue", "0 means", "100 means", "status quo", "decided"],
            v.issues.map((i) => [i.id, i.name, i.low_label, i.high_label, i.status_quo == null ? "" : F.pos(i.status_quo), i.decision_date]), [4]));
    if (live) {
      kids.push(h("ul", { id: "diagnostics", class: "diagnostics", hidden: true }));
      kids.push(h("details", { open: true, id: "edit-positions" }, h("summary", {}, "Positions and saliences (edit to recompute)"),
        table("positions", ["actor", "issue", "position", "salience", "why"],
              v.positions.map((p) => [p.actor, p.issue, numberInput(p, "position", 1, 0, 100), numberInput(p, "salience", 0.05, 0, 1), p.why]))));
      kids.push(h("details", {}, h("summary", {}, "Relation weights"),
        table("relations", ["a", "b", "kind", "weight", "since", "until"],
              v.relations.map((r) => [r.a, r.b, r.kind, numberInput(r, "weight", 0.05, 0, 1), r.since, r.until]))));
      const probable = v.events.filter((e) => e.probability);
      kids.push(h("details", {}, h("summary", {}, "Event probabilities"),
        table("events", ["event", "date", "title", "probability"],
              probable.map((e) => [e.id, e.date, e.title, numberInput(e, "probability", 0.05, 0, 1)]))));
      kids.push(h("p", {}, h("button", { id: "download-toml", onclick: () => C.download(`${v.id}.toml`, state.toml, "application/toml") },
        "Download the edited scenario (TOML)")));
    } else {
      kids.push(h("h3", {}, "Positions and saliences"),
        table("positions", ["actor", "issue", "position", "salience", "why"],
              v.positions.map((p) => [p.actor, p.issue, F.pos(p.position.value), F.idx(p.salience.value), p.why]), [2, 3]));
    }
    section("scenario", "Scenario: " + v.name, ...kids);
  }

  function renderBargaining() {
    const b = state.bargain, v = state.view;
    if (!b) return;
    const issues = v.issues.map((is, k) => ({
      id: is.id, name: is.name, low: is.low_label, high: is.high_label, min: is.scale_min, max: is.scale_max,
      status_quo: is.status_quo,
      forecasts: b.models.map((m) => ({ model: m.model, value: m.issues[k].forecast })),
      actors: v.positions.filter((p) => p.issue === is.id).map((p) => {
        const a = v.actors.find((x) => x.id === p.actor);
        return { id: p.actor, value: p.position.value, weight: (a ? a.capability.value : 0) * p.salience.value };
      }),
    }));
    const header = ["issue"].concat(b.models.map((m) => m.model));
    const rows = v.issues.map((is, k) => [is.name].concat(b.models.map((m) => F.pos(m.issues[k].forecast))));
    const dynamic = b.models.filter((m) => m.issues.some((i) => i.rounds.length > 1));
    if (!dynamic.find((m) => m.model === state.model) && dynamic.length) state.model = dynamic[0].model;
    const model = b.models.find((m) => m.model === state.model);
    const kids = [h("p", { id: "recompute", class: "note" }, live ? "Edit a position, salience or weight above: every model reruns." : ""),
      figure(C.forecastDots({ issues }), "forecasts",
             "Each model's forecast on its own row; dots below are actor positions (area ∝ capability × salience); dashed: status quo."),
      table("forecasts", header, rows, b.models.map((m, i) => i + 1))];
    if (model) {
      kids.push(h("h3", {}, "Rounds: position trajectories"),
        h("label", {}, "model ",
          h("select", { id: "rounds-model", onchange: (e) => { state.model = e.target.value; renderBargaining(); } },
            dynamic.map((m) => h("option", { value: m.model, selected: m.model === state.model }, m.model)))));
      model.issues.forEach((mi, k) => {
        const is = v.issues[k];
        const actors = Object.keys(mi.rounds[0].positions);
        const last = mi.rounds.length - 1;
        const d = mi.details || {};
        const note = d.converged != null
          ? (d.converged ? `${model.model} converged after ${d.turns != null ? d.turns : last} turn(s); the lines are flat from there.`
                         : `${model.model} stopped at its limit of ${last} rounds without converging.`)
          : `${last} round(s).`;
        const series = actors.map((a) => ({ name: a, points: mi.rounds.map((r) => [r.round, r.positions[a]]) }));
        series.push({ name: "median", colour: "#000", dash: "4,3", width: 1.5,
                      points: mi.rounds.map((r) => [r.round, r.median]) });
        kids.push(figure(C.lines({ title: is.name, note, series, yDomain: [is.scale_min, is.scale_max],
                                   xLabel: "round", yLabel: "position (0–100)", height: 300,
                                   xTicks: C.ticks(0, Math.max(1, last), Math.min(8, Math.max(1, last))).filter((t) => Number.isInteger(t)) }),
                         `rounds-${model.model}-${is.id}`));
      });
    }
    section("bargaining", "Bargaining: forecasts by model", ...kids);
  }

  function renderNetwork() {
    const net = state.network;
    if (!net) return;
    const names = {};
    for (const a of state.view.actors) names[a.id] = a.name;
    const blocs = [0, 1].map((s) => net.nodes.filter((n, i) => net.side[i] === s));
    const kids = [];
    if (live) {
      const dates = state.view.relations.flatMap((r) => [r.since, r.until]).filter(Boolean).sort();
      const lo = Date.parse(dates[0] || state.view.reference_date), hi = Date.parse(state.view.reference_date);
      const day = 86400000;
      const slider = h("input", { type: "range", id: "network-date", min: Math.floor(lo / day), max: Math.floor(hi / day),
                                  value: Math.floor(Date.parse(net.date) / day), "aria-label": "date" });
      slider.addEventListener("change", () => loadNetwork(new Date(slider.value * day).toISOString().slice(0, 10)));
      kids.push(h("p", {}, h("label", {}, "Relations active on ", h("strong", {}, net.date), " ", slider)));
    } else {
      kids.push(h("p", { class: "note" }, `Relations active on ${net.date}.`));
    }
    kids.push(figure(C.network(net, names), "network-" + net.date,
      `Exact two-bloc split (minimum frustration ${F.idx(net.frustration)}${net.optimal ? ", proven optimal" : ", best found"}): ` +
      `A = ${blocs[0].join(", ")}; B = ${blocs[1].join(", ")}.`));
    kids.push(table("ties", ["a", "b", "net tie", "frustrated"],
                    net.edges.map((e) => [e.a, e.b, F.tie(e.sign * e.weight), e.frustrated ? "yes" : ""]), [2]));
    const land = state.alignment && state.alignment.landscape && state.alignment.landscape.minima && state.alignment.landscape.minima[0];
    if (land) {
      const exactSide = {};
      net.nodes.forEach((n, i) => (exactSide[n] = net.side[i]));
      const ids = Object.keys(land.partition);
      // Sides are labelled arbitrarily; align the landscape's labels with the exact split's.
      const agree = ids.filter((n) => land.partition[n] === exactSide[n]).length;
      const flip = agree < ids.length - agree;
      const differ = ids.filter((n) => (flip ? 1 - land.partition[n] : land.partition[n]) !== exactSide[n]);
      kids.push(h("h3", {}, "Landscape theory (Axelrod–Bennett)"),
        table("landscape", ["actor", "exact split", "landscape minimum"],
              ids.map((n) => [n, exactSide[n] ? "B" : "A", (flip ? 1 - land.partition[n] : land.partition[n]) ? "B" : "A"])),
        h("p", { class: "note", id: "landscape-note" }, differ.length
          ? `The two methods disagree on ${differ.map(actorName).join(", ")}. They answer different questions: the exact split ` +
            `minimises the weight of ties that cross blocs (or join enemies), counting every tie alike; landscape theory ` +
            `minimises an energy in which each pair is weighted by the product of the two actors' sizes, so a small actor ` +
            `is placed with the large partners it leans towards even when that breaks some of its own ties.`
          : "Landscape theory's minimum and the exact split agree on every actor."));
    }
    section("network", "Alignment: the relation network", ...kids);
  }

  function renderTimeline() {
    const ev = state.view.events;
    if (!ev.length) return section("timeline", "Timeline", h("p", { class: "note" }, "No events."));
    section("timeline", "Timeline",
      figure(C.timeline(ev), "timeline", "Hover an event for its title; open circles are scheduled, not yet held."),
      table("events-list", ["date", "kind", "status", "title"], ev.map((e) => [e.date, e.kind, e.status, e.title])));
  }

  // Input names of the sensitivity analysis ("probability[tri-summit-seoul]") in words.
  function inputLabel(name) {
    const m = /^([a-z_]+)\[(.+)\]$/.exec(name);
    const kinds = { probability: "P(event)", monthly_probability: "monthly P", weight: "tie weight", effect: "effect",
                    parameter: "parameter", position: "position", salience: "salience" };
    if (!m) return { positions: "all positions", saliences: "all saliences", weights: "all tie weights",
                     parameters: "dynamics parameters" }[name] || name.replace(/_/g, " ");
    const ev = state.view.events.find((e) => e.id === m[2]) || state.view.stochastic.find((e) => e.id === m[2]);
    const what = ev ? ev.title : m[2];
    return `${kinds[m[1]] || m[1]}: ${what}`;
  }

  function renderEnsemble() {
    const kids = [];
    if (live) {
      kids.push(h("div", { class: "controls" },
        h("label", {}, "runs per variant ", h("input", { type: "number", id: "runs", value: 2000, min: 1, max: 200000, step: 500 })),
        h("label", {}, " seed ", h("input", { type: "number", id: "seed", value: 1, min: 0 })),
        h("label", {}, " ", h("input", { type: "checkbox", id: "sensitivity" }), " sensitivity (Sobol)"),
        " ", h("button", { id: "run", onclick: startJob }, "Run ensemble"),
        " ", h("button", { id: "cancel", onclick: cancelJob, disabled: true }, "Cancel")),
        h("div", { class: "progress-row" }, h("progress", { id: "progress", max: 1, value: 0 }), h("span", { id: "progress-text", class: "note" }, "")));
    }
    kids.push(h("div", { id: "results" }));
    section("ensemble", "Ensemble: outcome probabilities", ...kids);
    renderResults();
  }

  function renderResults() {
    const box = $("results");
    const sim = state.simulation;
    if (!box) return;
    if (!sim) return box.replaceChildren(h("p", { class: "note" }, "No ensemble run yet."));
    const variants = sim.variants;
    const kids = [h("p", { class: "note" }, `${sim.runs} runs per variant, seed ${sim.seed}; bars show the probability and whiskers its 95% interval (Wilson).`)];
    const rows = [];
    variants[0].outcomes.forEach((o, k) => variants.forEach((v, j) => {
      const oc = v.outcomes[k];
      rows.push({ label: `${o.name} — ${v.name}`, value: oc.probability, low: oc.ci95[0], high: oc.ci95[1], colour: C.colour(j) });
    }));
    const legendSvg = C.svg(760, 20 + 16 * Math.ceil(variants.length / 4));
    C.legend(legendSvg, variants.map((v, j) => ({ label: v.name, colour: C.colour(j) })), 10, 16, 740);
    kids.push(figure(legendSvg, "variants-legend"),
      figure(C.intervalBars(rows, { left: 330, title: "Outcome probabilities by variant", axisLabel: "probability" }), "outcomes"));
    kids.push(table("outcomes", ["outcome"].concat(variants.map((v) => v.name)),
      variants[0].outcomes.map((o, k) => [o.name].concat(variants.map((v) => `${F.pct(v.outcomes[k].probability)} [${F.pct(v.outcomes[k].ci95[0])}, ${F.pct(v.outcomes[k].ci95[1])}]`))),
      variants.map((v, i) => i + 1)));
    // Paired effects of each variant against the baseline (the same runs, common random numbers).
    if (sim.effects && sim.effects.length) {
      const pp = (x) => (x >= 0 ? "+" : "−") + (100 * Math.abs(x)).toFixed(1) + " pp";
      kids.push(h("h3", {}, "Effects of each variant (paired with the baseline, run by run)"),
        table("effects", ["variant", "outcome", "difference", "95% interval", "runs gained", "runs lost"],
              sim.effects.flatMap((e) => e.outcomes.map((o) => [e.name, o.name, pp(o.difference),
                `[${pp(o.ci95[0])}, ${pp(o.ci95[1])}]`, o.gained, o.lost])), [2, 3, 4, 5]));
    }
    if (sim.pinned && sim.pinned.length)
      kids.push(h("p", { class: "note", id: "pinned" }, "Pinned outcomes (below 1% or above 99% in every variant): " +
        sim.pinned.map((p) => `${p.name} — ${p.inputs && p.inputs.length ? "moved by " + p.inputs.map((i) => inputLabel(i.name || i)).join(", ") : p.reason}`).join("; ") + "."));
    // Fan charts of key ties.
    const base = variants[0];
    if (base.dyads && base.dyads.length) {
      if (!state.dyad || !base.dyads.find((d) => d.dyad === state.dyad)) state.dyad = base.dyads[0].dyad;
      const dy = base.dyads.find((d) => d.dyad === state.dyad);
      const months = base.months.map((m) => Date.parse(m + "-01"));
      const q = (key) => dy.series.map((s, i) => [months[i], s[key]]);
      const [a, b] = state.dyad.split("-");
      const marks = state.view.events.filter((e) => {
        const t = Date.parse(e.date);
        return t >= months[0] && t <= months[months.length - 1] && (e.participants.includes(a) || e.participants.includes(b));
      }).slice(0, 6).map((e) => ({ x: Date.parse(e.date), label: e.id }));
      const years = [];
      for (let y = new Date(months[0]).getUTCFullYear(); y <= new Date(months[months.length - 1]).getUTCFullYear() + 1; ++y)
        for (const m of [0, 6]) { const t = Date.UTC(y, m, 1); if (t >= months[0] && t <= months[months.length - 1]) years.push(t); }
      kids.push(h("h3", {}, "Fan chart of a tie"),
        h("label", {}, "dyad ", h("select", { id: "dyad", onchange: (e) => { state.dyad = e.target.value; renderResults(); } },
          base.dyads.map((d) => h("option", { value: d.dyad, selected: d.dyad === state.dyad }, d.dyad)))),
        figure(C.lines({ title: `${actorName(a)}–${actorName(b)} tie, ${base.name}`,
                         note: "median (line), 50% and 90% bands; dashed lines: events involving either side",
                         bands: [{ lo: q("q05"), hi: q("q95"), colour: "#457b9d", opacity: 0.18 },
                                 { lo: q("q25"), hi: q("q75"), colour: "#457b9d", opacity: 0.3 }],
                         series: [{ name: "median", points: q("q50"), colour: "#1d3557" }],
                         marks, yDomain: [-1, 1], yLabel: "tie (−1 hostile … +1 allied)", yFormat: F.tie,
                         xTicks: years, xFormat: (t) => new Date(t).toISOString().slice(0, 7) }),
               `fan-${state.dyad}`));
    }
    // Sensitivity.
    const sens = base.sensitivity || sim.sensitivity;
    if (sens && sens.outputs && sens.outputs.length) {
      state.output = Math.min(state.output, sens.outputs.length - 1);
      const out = sens.outputs[state.output];
      const outName = (o) => { const oc = base.outcomes.find((x) => x.id === o.output || x.id === o.name); return oc ? oc.name : (o.output || o.name); };
      kids.push(h("h3", {}, "Sensitivity: what drives the outcome"),
        h("label", {}, "outcome ", h("select", { id: "sens-output", onchange: (e) => { state.output = Number(e.target.value); renderResults(); } },
          sens.outputs.map((o, i) => h("option", { value: i, selected: i === state.output }, outName(o))))),
        figure(C.tornado(out.inputs.map((i) => ({ label: inputLabel(i.name), s1: i.first_order, s1_low: i.first_order_low, s1_high: i.first_order_high,
                                                    st: i.total_order, st_low: i.total_order_low, st_high: i.total_order_high })),
                         { title: outName(out) }), "tornado",
               `Sobol indices with ${Math.round(100 * (sens.confidence || 0.95))}% bootstrap intervals (N = ${sens.base_samples}). ` +
               "An estimate below 0 or S1 above ST is sampling noise: read the intervals, which overlap."),
        table("sensitivity", ["input", "S1", "S1 interval", "ST", "ST interval"],
              out.inputs.map((i) => [inputLabel(i.name), F.idx(i.first_order), `[${F.idx(i.first_order_low)}, ${F.idx(i.first_order_high)}]`,
                                     F.idx(i.total_order), `[${F.idx(i.total_order_low)}, ${F.idx(i.total_order_high)}]`]), [1, 3]));
    }
    box.replaceChildren(...kids);
  }

  function renderCompare() {
    if (!live) return;
    const runs = state.runs;
    const kids = [h("p", { class: "note" }, "Runs of this session (the run store, when one is given, adds older runs).")];
    if (runs.length < 2) {
      kids.push(h("p", { class: "note", id: "compare-empty" }, `${runs.length} run(s) so far: run the ensemble twice (e.g. before and after an edit) to compare.`));
      return section("compare", "Compare runs", ...kids);
    }
    const pick = (id, def) => h("select", { id, onchange: renderCompare },
      runs.map((r, i) => h("option", { value: i, selected: i === def }, r.label)));
    const prevA = $("compare-a"), prevB = $("compare-b");
    const ia = prevA ? Number(prevA.value) : runs.length - 2, ib = prevB ? Number(prevB.value) : runs.length - 1;
    const ra = runs[Math.min(ia, runs.length - 1)], rb = runs[Math.min(ib, runs.length - 1)];
    for (const r of [ra, rb])
      if (!r.result) {  // a run from the store, fetched when first compared
        api("GET", "/api/runs/" + r.id).then((x) => { if (x.status === 200) { r.result = x.json.result; renderCompare(); } });
        kids.push(h("p", { class: "note" }, "Loading a stored run…"));
        return section("compare", "Compare runs", ...kids);
      }
    const A = ra.result, B = rb.result;
    const rows = [];
    for (const va of A.variants) {
      const vb = B.variants.find((x) => x.variant === va.variant);
      if (!vb) continue;
      for (const oa of va.outcomes) {
        const ob = vb.outcomes.find((x) => x.id === oa.id);
        if (!ob) continue;
        const d = ob.probability - oa.probability;
        rows.push([va.name, oa.name, F.pct(oa.probability), F.pct(ob.probability), (d >= 0 ? "+" : "−") + (100 * Math.abs(d)).toFixed(1) + " pp"]);
      }
    }
    kids.push(h("p", {}, h("label", {}, "A ", pick("compare-a", ia)), " ", h("label", {}, "B ", pick("compare-b", ib))),
      table("compare", ["variant", "outcome", "A", "B", "B − A"], rows, [2, 3, 4]));
    section("compare", "Compare runs", ...kids);
  }

  // ---- actions -------------------------------------------------------------------------
  async function loadNetwork(date) {
    const r = await api("POST", "/api/network", date ? { scenario: state.toml, date } : { scenario: state.toml });
    if (r.status === 200) { state.network = r.json; renderNetwork(); }
  }

  async function startJob() {
    const body = { scenario: state.toml, runs: Number($("runs").value), seed: Number($("seed").value),
                   sensitivity: $("sensitivity").checked };
    const r = await api("POST", "/api/simulate", body);
    if (r.status !== 202) { $("progress-text").textContent = r.json.error; return; }
    state.job = r.json.job;
    $("run").disabled = true; $("cancel").disabled = false;
    const label = `run ${state.runs.length + 1}: ${body.runs} runs, seed ${body.seed}${state.edits ? `, ${state.edits} edit(s)` : ""}`;
    const poll = async () => {
      const s = await api("GET", "/api/jobs/" + state.job);
      const j = s.json;
      $("progress").value = j.total ? j.done / j.total : 0;
      $("progress-text").textContent = ` ${j.state}: ${j.done} of ${j.total} runs${j.variant ? " (" + j.variant + ")" : ""}`;
      if (j.state === "running" || j.state === "queued") return setTimeout(poll, 200);
      $("run").disabled = false; $("cancel").disabled = true;
      state.job = null;
      if (j.state === "done") {
        state.simulation = j.result;
        state.runs.push({ label, result: j.result });
        renderResults();
        renderCompare();
      }
    };
    poll();
  }

  async function cancelJob() { if (state.job) await api("DELETE", "/api/jobs/" + state.job); }

  async function loadScenario(entry) {
    state.name = entry.name;
    state.toml = state.original = entry.toml;
    state.edits = 0;
    const [v, b] = await Promise.all([api("POST", "/api/scenario", { scenario: entry.toml }),
                                      api("POST", "/api/bargain", { scenario: entry.toml })]);
    if (v.status !== 200) { $("app").replaceChildren(h("p", { class: "error" }, v.json.error)); return; }
    state.view = v.json;
    state.bargain = b.json;
    renderAll();
    loadNetwork();
  }

  function shell() {
    const nav = [["scenario", "Scenario"], ["bargaining", "Bargaining"], ["network", "Network"], ["timeline", "Timeline"],
                 ["ensemble", "Ensemble"]].concat(live ? [["compare", "Compare"]] : []);
    const picker = live ? h("select", { id: "scenario-picker", onchange: (e) => loadScenario(state.scenarios[Number(e.target.value)]) },
      state.scenarios.map((s, i) => h("option", { value: i, selected: s.name === state.name }, s.title || s.name))) : null;
    $("app").replaceChildren(
      h("header", {}, h("h1", {}, state.view.name),
        h("p", {}, live ? "detente workbench — edit, recompute, run and compare. " : "detente report — a snapshot of the workbench's views. ",
          state.view.as_of ? `As of ${state.view.as_of}.` : "", picker ? " " : null, picker)),
      h("main", {}, h("nav", {}, nav.map(([id, t]) => h("a", { href: "#" + id }, t))),
        ...nav.map(([id]) => h("section", { id })),
        h("footer", {}, h("p", { class: "note" }, "Generated by detente 0.1.0" + (snapshot && snapshot.generated ? ` from ${snapshot.generated}` : "") + "."))));
  }

  function renderAll() {
    shell();
    renderScenario(); renderBargaining(); renderNetwork(); renderTimeline(); renderEnsemble(); renderCompare();
    document.body.dataset.ready = "1";
  }

  async function start() {
    if (!live) {
      Object.assign(state, { view: snapshot.scenario, bargain: snapshot.bargain, network: snapshot.network,
                             simulation: snapshot.simulation, alignment: snapshot.alignment });
      renderAll();
      return;
    }
    const r = await api("GET", "/api/scenarios");
    if (r.status !== 200) { $("app").replaceChildren(h("p", { class: "error" }, r.json.error)); return; }
    state.scenarios = r.json;
    // Runs kept in the run store (`detente serve --store FILE`) join the session's for comparison.
    const stored = await api("GET", "/api/runs");
    if (stored.status === 200)
      for (const x of stored.json.slice(-20))
        state.runs.push({ id: x.id, result: null,
                          label: `stored ${x.created_at.slice(0, 16).replace("T", " ")}: ${x.label}, seed ${x.seed}` });
    await loadScenario(state.scenarios[0]);
  }
  window.detente = { state, patchToml };
  start();
})();
