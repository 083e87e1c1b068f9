/* selfassess partnership page, earlier rounds and trends (issue #18): the facilitator names each
   earlier round and picks or drops its files, oldest first; the files chosen above are this
   round (partnership.js says when they change, with the `selfassess:collected` event). Reading
   is SelfassessResponses' (responses.js), the figures SelfassessTrends' (trends.js), the charts'
   geometry SelfassessTrendChart's (trend-chart.js): this file only lays them out. With two
   rounds or more (this round among them) window.selfassessTrends is trends()'s object, else
   null. Presentational only; text from files and labels only ever goes in as textContent. */
(function () {
  "use strict";
  const S = globalThis.SelfassessScoring;
  const R = globalThis.SelfassessResponses;
  const T = globalThis.SelfassessTrends;
  const G = globalThis.SelfassessTrendChart;
  const C = globalThis.SelfassessCharts;
  const D = globalThis.SelfassessDisplay;
  const say = globalThis.SelfassessMessages;
  const $ = (id) => document.getElementById(id);
  const bank = JSON.parse($("selfassess-bank").textContent);
  const V = globalThis.SelfassessPartnershipResults.create(bank);
  const SVG = "http://www.w3.org/2000/svg";
  const MAX_LABEL = 80;  // characters, as `report --round LABEL=...` takes them

  const earlier = [];  // {label, collected}, in the order added: oldest first
  let current = null;  // this round's collect() (partnership.js), null before any file
  let pending = [];  // the files picked or dropped for the round being added: {name, size, bytes}
  let reading = Promise.resolve();
  window.selfassessTrends = null;

  function el(tag, content, className) {
    const node = document.createElement(tag);
    if (content !== undefined && content !== null) node.textContent = content;
    if (className) node.className = className;
    return node;
  }

  function addPending(list) {
    const picked = Array.from(list || []);
    if (!picked.length) return;
    reading = reading.then(() => R.readPicked(picked)).then((read) => {
      pending = pending.concat(read);
      $("round-files-chosen").textContent = say("roundFilesChosen", { names: pending.map((f) => f.name).join(", ") });
      showError("round-files", null);
    });
  }

  /** An error beside its input (the GOV.UK pattern): the message, aria-invalid, a red edge. */
  function showError(id, message) {
    const error = $(id + "-error");
    if (!error) return;
    error.textContent = message || "";
    error.hidden = !message;
    $(id).setAttribute("aria-invalid", message ? "true" : "false");
    error.closest(".field").classList.toggle("field--error", Boolean(message));
  }

  function openForm() {
    if ($("round-form")) return $("round-label").focus();
    const form = $("round-form-template").content.firstElementChild.cloneNode(true);
    $("add-round-buttons").before(form);
    $("add-round-buttons").hidden = true;
    pending = [];
    globalThis.SelfassessPartnershipPage.watchFiles($("round-files"), $("round-drop"), addPending);
    $("round-label").addEventListener("keydown", (event) => { if (event.key === "Enter") save(); });
    form.addEventListener("keydown", (event) => { if (event.key === "Escape") closeForm(); });
    $("round-save").addEventListener("click", save);
    $("round-cancel").addEventListener("click", closeForm);
    $("round-label").focus();
  }

  function closeForm() {
    const form = $("round-form");
    if (form) form.remove();
    pending = [];
    $("add-round-buttons").hidden = false;
    $("add-round").focus();
  }

  /** Why the label cannot name a round, or null: blank, too long, a control character (a tab
      pasted in), or another round's. */
  function labelProblem(label) {
    if (!label) return say("roundLabelMissing");
    if (Array.from(label).length > MAX_LABEL) return say("roundLabelTooLong");
    if (/\p{Cc}/u.test(label)) return say("roundLabelControl");  // as `--round` refuses them
    if (earlier.some((r) => r.label === label)) return say("roundLabelTaken", { label });
    return null;
  }

  async function save() {
    await reading;
    const label = $("round-label").value.trim();
    const problem = labelProblem(label), missing = pending.length ? null : say("roundFilesMissing");
    showError("round-label", problem);
    showError("round-files", missing);
    if (problem || missing) return $(problem ? "round-label" : "round-files").focus();
    earlier.push({ label, collected: R.collect(bank, pending) });
    closeForm();
    $("rounds-status").textContent = say("roundAdded", { label });
    showRounds();
    update();
  }

  function remove(index) {
    const [gone] = earlier.splice(index, 1);
    showRounds();
    update();
    $("rounds-status").textContent = say("roundRemoved", { label: gone.label });
    const next = document.querySelectorAll("#round-list button")[Math.min(index, earlier.length - 1)];
    (next || $("add-round")).focus();
  }

  /** What a round's files gave: the partnership page's own sentences about files read. */
  function roundSummary(collected) {
    const files = collected.files, read = files.filter((f) => f.status === "read");
    const organisations = new Set(collected.responses.map((r) => S.organisationOf(r.response.respondent.organisation)));
    const parts = [collected.responses.length
      ? say("readFrom", { files: say("files", { count: read.length }), respondents: say("respondents", { count: collected.responses.length }),
        organisations: say("organisations", { count: organisations.size }) })
      : say("read", { files: say("files", { count: read.length }) })];
    const duplicates = files.filter((f) => f.status === "duplicate").length;
    const rejected = files.filter((f) => f.status === "rejected").length;
    if (duplicates) parts.push(say("duplicates", { count: duplicates }));
    if (rejected) parts.push(say("rejectedFiles", { count: rejected }));
    if (!collected.responses.length) parts.push(say("nothingToScore"));
    return parts.join(" ");
  }

  function showRounds() {
    $("round-list").replaceChildren(...earlier.map((round, i) => {
      const item = el("li", null, "round");
      item.append(el("h3", round.label));
      item.append(el("p", roundSummary(round.collected)));
      const versions = T.roundOf(round.label, round.collected).versions;
      if (versions.length) item.append(el("p", say("roundVersions", { versions: versions.join(", ") }), "hint"));
      const rejected = round.collected.files.filter((f) => f.status === "rejected");
      if (rejected.length) {
        const box = el("div", null, "message message--error");
        box.append(el("h4", say("couldNotUse", { count: rejected.length })));
        const list = el("ul");
        rejected.forEach((f) => f.problems.forEach((p) => list.append(el("li", R.problemText(p)))));
        box.append(list);
        item.append(box);
      }
      const button = el("button", say("removeRound", { label: round.label }), "button button--secondary");
      button.type = "button";
      button.addEventListener("click", () => remove(i));
      item.append(button);
      return item;
    }));
  }

  const currentLabel = () => $("current-round-label").value.trim() || say("thisRound");

  function update() {
    const counted = earlier.filter((r) => r.collected.responses.length).map((r) => T.roundOf(r.label, r.collected));
    const now = current && current.responses.length ? T.roundOf(currentLabel(), current) : null;
    const rounds = now ? counted.concat([now]) : [];
    const result = rounds.length >= 2 ? T.trends(bank, rounds) : null;
    window.selfassessTrends = result;
    $("trends").hidden = !result;
    $("rounds-need").hidden = Boolean(now) || !counted.length;
    if (result) showTrends(result);
  }

  /** A header row: the first column's heading as the template wrote it, then each round. */
  function roundHeadings(table, result) {
    const row = table.tHead.rows[0];
    row.replaceChildren(row.cells[0], ...result.rounds.map((r) => {
      const th = el("th", r.label);
      th.scope = "col";
      return th;
    }));
  }

  /** A table row: a header cell, then cells of [text, className] parts. */
  function row(label, cells) {
    const tr = el("tr"), th = el("th", label);
    th.scope = "row";
    tr.append(th, ...cells.map((parts) => {
      const td = el("td");
      parts.forEach(([text, className, hidden]) => {
        const span = el("span", text, className);
        if (hidden) span.setAttribute("aria-hidden", "true");
        td.append(span, " ");
      });
      return td;
    }));
    return tr;
  }

  function scoreParts(entry, levels) {
    if (!entry.present) return [[say("notAskedInRound"), "trend-absent"]];
    if (entry.score === null) return [[say("noScore"), "trend-absent"]];
    return [[V.figure(entry.score), "trend-score"], [entry.level ? V.labelIn(levels, entry.level) : "", "trend-level"]];
  }

  const ARROWS = { up: "▲", down: "▼", level: "▶", new: "✚" };
  const changeText = (change) => (V.display.onScale ? D.oneDecimal(Math.abs(change)) : String(Math.abs(change)));
  const WORDS = { up: "trendUp", down: "trendDown", level: "trendLevel", new: "trendNew" };

  function organisationParts(entry) {
    if (!entry.present) return [[say("notInRound"), "trend-absent"]];
    const parts = [entry.score === null ? [say("noScore"), "trend-absent"] : [V.figure(entry.score), "trend-score"]];
    if (entry.direction) {
      parts.push([ARROWS[entry.direction], "trend-arrow trend-" + entry.direction, true]);
      parts.push([say(WORDS[entry.direction], { change: entry.change === null ? "" : changeText(entry.change) }), "trend-words"]);
    }
    if (entry.roles_changed) parts.push([say("rolesChanged"), "trend-roles"]);
    return parts;
  }

  function showTrends(result) {
    $("trends-summary").textContent = say("roundsCompared", { count: result.rounds.length });
    const byId = new Map(result.principles.map((p) => [p.id, p]));
    const principles = $("trends-principles");
    roundHeadings(principles, result);
    const rows = V.scored.map((p) => row(p.title, byId.get(p.id).rounds.map((r) => scoreParts(r, V.levelsOf(p)))));
    if (V.overall) rows.push(row(say("overallRow"), result.overall.map((o) => scoreParts({ present: true, ...o }, bank.levels))));
    principles.tBodies[0].replaceChildren(...rows);
    $("trend-charts").replaceChildren(...V.scored.map((p) => chart(p, byId.get(p.id), result)));
    const organisations = $("trends-organisations");
    roundHeadings(organisations, result);
    organisations.tBodies[0].replaceChildren(...result.organisations.map((o) => row(o.name, o.rounds.map(organisationParts))));
    const notes = [];
    result.organisations.forEach((o) => o.rounds.forEach((r, i) => {
      if (r.roles_changed) {
        notes.push(el("li", say("rolesChangedNote", { organisation: o.name, round: result.rounds[i].label,
          previous: result.rounds[i - 1].label })));
      }
    }));
    $("trends-notes").replaceChildren(...notes);
    $("trends-notes").hidden = !notes.length;
  }

  function svg(tag, attributes) {
    const node = document.createElementNS(SVG, tag);
    Object.keys(attributes).forEach((name) => node.setAttribute(name, attributes[name]));
    return node;
  }

  /** A principle's small line chart with its level bands behind: trend-chart.js's geometry, the
      scorecard's (tests/vectors/charts/trend-lines.json); only the markup is this page's. */
  function chart(principle, entry, result) {
    const L = G.LAYOUT, levels = V.levelsOf(principle);
    const present = (r) => r.present && r.score !== null && r.score !== undefined;
    const values = entry.rounds.map((r) => (present(r) ? D.percent(V.display, r.score) : null));
    const g = G.trendChart(values, result.rounds.map((r) => r.label), levels.map((l) => l.min), V.display);
    const figure = el("figure", null, "trend-chart");
    const drawing = svg("svg", { viewBox: "0 0 " + g.width + " " + g.height, role: "img" });
    const title = svg("title", {});
    title.textContent = say("trendChartText", { title: principle.title, figures: result.rounds.map((r, i) =>
      say("trendFigure", { round: r.label, score: entry.rounds[i].present ? V.figure(entry.rounds[i].score) : say("notAskedInRound") })).join(", ") });
    drawing.append(title);
    const colours = C.levelColours(bank.palette.ramp, g.bands.length ? g.bands[0].count : 0);
    g.bands.forEach((b) => drawing.append(svg("rect", { x: g.left, y: b.y, width: g.right - g.left, height: b.height,
      fill: colours[b.index], "fill-opacity": "0.45" })));
    g.ticks.forEach((t) => {
      const label = svg("text", { x: g.left - 4, y: t.y + L.font * 0.35, "text-anchor": "end", class: "trend-tick" });
      label.textContent = t.text;
      drawing.append(label);
    });
    g.labels.forEach((round) => round.lines.forEach((line, i) => {
      const label = svg("text", { x: round.x, y: g.bottom + 6 + (i + 0.8) * L.leading, "text-anchor": "middle", class: "trend-tick" });
      label.textContent = line;
      drawing.append(label);
    }));
    g.segments.forEach((run) => drawing.append(svg("polyline", { points: run.map((p) => p.join(",")).join(" "), class: "trend-line", fill: "none", "stroke-linejoin": "round" })));
    g.points.forEach((p) => {
      if (p.y !== null) drawing.append(svg("circle", { cx: p.x, cy: p.y, r: 3.6, class: "trend-point" }));
    });
    figure.append(drawing, el("figcaption", say("trendChartTitle", { title: principle.title })));
    return figure;
  }

  document.addEventListener("selfassess:collected", (event) => {
    current = event.detail;
    update();
  });
  $("add-round").addEventListener("click", openForm);
  // Renaming this round changes a label, not a figure: the rounds are not scored again.
  $("current-round-label").addEventListener("input", () => {
    const result = window.selfassessTrends;
    if (!result) return;
    result.rounds[result.rounds.length - 1].label = currentLabel();
    showTrends(result);
  });
})();
