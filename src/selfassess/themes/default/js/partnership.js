/* selfassess partnership page: the only script here that touches the page. Reading files is
   SelfassessResponses' (responses.js), scoring SelfassessScoring's (scoring.js), the radar
   SelfassessCharts' (charts.js), the heat map's figures SelfassessHeatmap's (heatmap.js), what
   groups, counts and open answers may be shown SelfassessBreakdowns' (breakdowns.js); this
   file reads the picked or dropped files, lays out what they give, and downloads and prints.
   The current result is in window.selfassessResult: `selfassess score --format json`'s object
   (null until some file gives a respondent). Text from files only ever goes in as textContent. */
(function () {
  "use strict";
  const S = globalThis.SelfassessScoring;
  const C = globalThis.SelfassessCharts;
  const R = globalThis.SelfassessResponses;
  const H = globalThis.SelfassessHeatmap;
  const B = globalThis.SelfassessBreakdowns;
  const say = globalThis.SelfassessMessages;  // the page's words, by key (selfassess.web messages.js)
  const $ = (id) => document.getElementById(id);
  const bank = JSON.parse($("selfassess-bank").textContent);
  // The bank's own scoring: figures in its unit, its scored principles, groups (partnership-results.js).
  const V = globalThis.SelfassessPartnershipResults.create(bank);
  const groups = JSON.parse($("selfassess-groups").textContent);
  const input = $("answer-files");
  // Ids may be `constructor` or `toString`: no prototype to find them in (scoring.js's dict).
  const levelLabel = S.dict();
  bank.levels.forEach((l) => { levelLabel[l.id] = l.label; });
  const titleOf = S.dict();
  bank.principles.forEach((p) => { titleOf[p.id] = p.title; });

  let files = [];  // every file picked or dropped so far: {name, size, bytes}
  let current = null;  // {collected, result, asked}: asked is B.notAsked's, who was asked what
  window.selfassessResult = null;

  const shown = V.figure;
  /** A score, or "not asked" where the principle was asked of nobody it stands for (never 0). */
  const shownOr = (score, notAsked) => (notAsked && (score === null || score === undefined) ? say("cellNotAsked") : shown(score));
  const fileCount = (count) => say("files", { count });
  const respondentCount = (count) => say("respondents", { count });
  const organisationCount = (count) => say("organisations", { count });
  /** A message whose placeholders take elements (a <strong> score) as well as text: to append. */
  const sayNodes = (key, values) => say(key).split(/\{(\w+)\}/).map((part, i) => (i % 2 ? values[part] : part));

  function el(tag, content, className) {
    const node = document.createElement(tag);
    if (content !== undefined && content !== null) node.textContent = content;
    if (className) node.className = className;
    return node;
  }

  function byName(a, b) {
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  }

  /** Read the picked files' bytes (never one over the limit), then score everything again. */
  async function add(list) {
    const picked = Array.from(list || []);
    if (!picked.length) return;
    $("status").textContent = say("reading", { files: fileCount(picked.length) });
    const read = await R.readPicked(picked);
    files = files.concat(read).sort(byName);
    update();
  }

  function update() {
    const collected = R.collect(bank, files);
    const result = collected.responses.length ? S.scoreAll(bank, collected.responses) : null;
    current = { collected, result, asked: result ? B.notAsked(bank, result, collected.responses) : null };
    window.selfassessResult = result;
    // This round's files for partnership-trends.js, which sets them beside the earlier rounds.
    document.dispatchEvent(new globalThis.CustomEvent("selfassess:collected", { detail: collected }));
    showFiles(collected, result);
    if (result) showResults(collected, result);
    $("results").hidden = !result;
    $("clear-files").hidden = !files.length;
  }

  function showFiles(collected, result) {
    const read = collected.files.filter((f) => f.status === "read");
    const rejected = collected.files.filter((f) => f.status === "rejected");
    const duplicates = collected.files.filter((f) => f.status === "duplicate");
    const parts = [];
    if (!files.length) {
      parts.push(say("noFiles"));
    } else {
      parts.push(result ? say("readFrom", { files: fileCount(read.length), respondents: respondentCount(result.partnership.n_respondents),
        organisations: organisationCount(result.partnership.n_organisations) }) : say("read", { files: fileCount(read.length) }));
      if (duplicates.length) parts.push(say("duplicates", { count: duplicates.length }));
      if (rejected.length) parts.push(say("rejectedFiles", { count: rejected.length }));
      if (!result) parts.push(say("nothingToScore"));
    }
    $("status").textContent = parts.join(" ");

    $("rejected").hidden = !rejected.length;
    $("rejected-title").textContent = say("couldNotUse", { count: rejected.length });
    $("rejected-list").replaceChildren(...rejected.map((f) => {
      const item = el("li");
      item.dataset.file = f.name;
      item.append(el("strong", f.name));
      const reasons = el("ul");
      f.problems.forEach((p) => reasons.append(el("li", R.problemText(p))));
      item.append(reasons);
      return item;
    }));

    $("notes").hidden = !collected.warnings.length;
    $("notes-list").replaceChildren(...collected.warnings.map((w) => el("li", w)));

    $("files-read").hidden = !read.length;
    $("files-read-title").textContent = say("filesRead", { count: read.length });
    $("files-read-list").replaceChildren(...read.map((f) =>
      el("li", say("fileRespondents", { file: f.name, respondents: respondentCount(f.respondents) }))));
  }

  function showResults(collected, result) {
    const p = result.partnership;
    $("summary").textContent = say("summary", { files: fileCount(collected.files.filter((f) => f.status === "read").length),
      respondents: respondentCount(p.n_respondents), organisations: organisationCount(p.n_organisations) });
    const overall = $("overall");
    const nobody = current.asked.partnership;
    if (overall && p.overall === null) {
      const missing = V.scored.filter((pr) => p.principles[pr.id].score === null && !nobody.has(pr.id)).map((pr) => pr.title);
      overall.replaceChildren(el("p", missing.length ? say("noOverall", { missing: missing.join("; ") }) : say("overallNoneAsked")));
    } else if (overall) {
      const line = el("p");
      const scale = V.display.onScale ? V.display.lo + "–" + V.display.hi : null;
      line.append(...sayNodes(scale ? "overallOnScale" : "overall", { score: el("strong", shown(p.overall)), level: el("strong", levelLabel[p.level]), scale }));
      overall.replaceChildren(line);
    }
    const weakest = $("weakest");
    if (weakest) weakest.hidden = p.weakest_principle === null;
    if (weakest && p.weakest_principle !== null) {
      const w = p.principles[p.weakest_principle];
      const values = { title: el("strong", titleOf[p.weakest_principle]), score: shown(w.score),
        organisation: el("strong", w.weakest_organisation), min: shown(w.min) };
      weakest.replaceChildren(...sayNodes(w.weakest_organisation === null ? "weakest" : "weakestAt", values));
    }
    if (!$("weakest")) V.showLowest(result);
    V.showGroups(result);
    V.showCounted(result, groups.min_group_size);
    V.scored.forEach((pr) => {
      const r = p.principles[pr.id];
      const row = document.querySelector('tr[data-principle="' + CSS.escape(pr.id) + '"]');
      const cell = (name) => row.querySelector('[data-cell="' + name + '"]');
      const top = V.highest(result, pr.id);
      // Without a weakest link the lowest organisation is still read off, not named as weakest.
      const low = V.weakestLink ? r.weakest_organisation : V.lowest(result, pr.id);
      cell("score").textContent = shownOr(r.score, nobody.has(pr.id));
      cell("level").textContent = r.level ? V.labelIn(V.levelsOf(pr), r.level) : say(nobody.has(pr.id) ? "levelNotAsked" : "noScore");
      cell("min").textContent = low === null ? "–" : low + " (" + shown(r.min) + ")";
      cell("max").textContent = top === null ? "–" : top + " (" + shown(r.max) + ")";
      cell("spread").textContent = shown(r.spread);
      cell("divergent").textContent = say(r.divergent ? "divergent" : "notDivergent");
      row.classList.toggle("is-divergent", r.divergent);
      row.classList.toggle("is-weakest", pr.id === p.weakest_principle);
    });
    showOrganisations(result);
    showRadar(result);
    showHeatMap();
    showBreakdowns(result);
    showChoices(result);
    showOpenAnswers(collected, result);
  }

  function showOrganisations(result) {
    const rows = Object.keys(result.organisations).map((name) => {
      const o = result.organisations[name];
      const tr = el("tr");
      const th = el("th", name);
      th.scope = "row";
      tr.append(th, el("td", String(o.n), "num"));
      const nobody = current.asked.organisations.get(name);
      V.scored.forEach((pr) => tr.append(el("td", shownOr(o.principles[pr.id], nobody.has(pr.id)), "num")));
      if (V.overall) tr.append(el("td", shown(o.overall), "num"), el("td", o.level ? levelLabel[o.level] : say("noScore")));
      return tr;
    });
    $("organisations").tBodies[0].replaceChildren(...rows);
  }

  function showRadar(result) {
    const names = Object.keys(result.organisations);
    // Figures in the displayed unit, as the tables show them; the chart draws them on 0-100.
    const series = [{ label: say("partnership"), values: V.scored.map((pr) => result.partnership.principles[pr.id].score) }]
      .concat(names.map((name) => ({ label: name, values: V.scored.map((pr) => result.organisations[name].principles[pr.id]) })));
    // The PDF's styles (core/palette.py): the partnership in the text colour, solid, circles.
    const styles = bank.palette.organisations;
    series.forEach((s, i) => { s.style = i ? styles[(i - 1) % styles.length] : { colour: null, dash: "", marker: "circle" }; });
    const nobody = [current.asked.partnership].concat(names.map((name) => current.asked.organisations.get(name)));
    const describe = (s, k) => s.label + ": " + V.scored.map((pr, i) => pr.title + " " +
      (s.values[i] === null ? say(nobody[k].has(pr.id) ? "cellNotAsked" : "noScoreHere") : shown(s.values[i]))).join(", ");
    $("radar").innerHTML = V.chart(series, series.map((s, k) => describe(s, k)).join(". ") + ".");
    $("radar-legend").replaceChildren(...series.map((s, i) => {
      const item = el("li");
      const swatch = el("span", null, "legend__swatch");
      swatch.innerHTML = C.legendSwatch(s.style, bank.palette.corners);  // drawn by charts.js; holds no text
      item.append(swatch, el("span", s.label, i === 0 ? "legend__label legend__label--partnership" : "legend__label"));
      return item;
    }));
  }

  function showHeatMap() {
    if (!current || !current.result) return;
    const pid = $("heat-principle").value;
    document.querySelectorAll("[data-heat]").forEach((wrap) => { wrap.hidden = wrap.dataset.heat !== pid; });
    const map = H.heatMap(bank, current.result, current.collected.responses, pid);
    // The key follows the principle shown: its own levels, none for one that is not scored.
    showHeatLegend(map.levels || bank.levels, pid);
    // The scorecard's orientation (core/palette.py): a row per organisation, then the partnership.
    $("heat-" + pid).tBodies[0].replaceChildren(...map.rows.map((row) => {
      const tr = el("tr", null, row.partnership ? "heat-total" : null), th = el("th");
      th.scope = "row";
      th.append(el("span", row.partnership ? say("partnership") : row.name));
      if (!row.partnership) th.append(el("span", " (" + row.n + ")", "heat__n"));
      tr.append(th);
      row.cells.forEach((c, i) => {
        const td = el("td", c.shown, "num" + (c.tone === null ? " tone-none" : " tone-" + c.tone) +
          (i === row.cells.length - 1 ? " heat__partnership" : ""));
        if (c.level) td.dataset.level = c.level;
        const nobody = row.partnership ? current.asked.partnership : current.asked.organisations.get(row.name);
        if (i === row.cells.length - 1 && c.value === null && nobody.has(pid)) td.textContent = say("cellNotAsked");
        tr.append(td);
      });
      return tr;
    }));
  }

  /** A row of a group or choice table: its label as a header, then cells (text, class). */
  function groupRow(label, cells) {
    const tr = el("tr"), th = el("th", label);
    th.scope = "row";
    tr.append(th, ...cells.map(([text, className]) => el("td", text, className)));
    return tr;
  }

  /** A hidden group's row: its label and "fewer than k" across, no figure. */
  function hiddenRow(label, k, span) {
    const tr = groupRow(label, []), td = el("td", say("fewerThan", { k }), "hidden-group");
    td.colSpan = span;
    tr.append(td);
    return tr;
  }

  const tablesBy = (attribute) => {
    const found = new Map();
    document.querySelectorAll("[data-" + attribute + "]").forEach((t) => found.set(t.getAttribute("data-" + attribute), t));
    return found;
  };

  function showBreakdowns(result) {
    const tables = tablesBy("breakdown");
    // A row's figures come in bank order; its columns are the scored principles in group order.
    const at = new Map(bank.principles.map((pr, i) => [pr.id, i]));
    const overall = (row) => (V.overall ? [[shown(row.overall), "num"]] : []);
    B.breakdownTables(bank, groups, result, current.asked).forEach((table) => {
      tables.get(table.id).tBodies[0].replaceChildren(...table.rows.map((row) => (row.hidden
        ? hiddenRow(row.label, table.k, V.scored.length + (V.overall ? 2 : 1))
        : groupRow(row.label, [[String(row.n), "num"]].concat(
          V.scored.map((pr) => row.principles[at.get(pr.id)]).map((f) => [shownOr(f.score, f.notAsked), "num"]), overall(row))))));
    });
  }

  function showChoices(result) {
    const tables = tablesBy("choice");
    B.choiceTables(groups, result).forEach((table) => {
      tables.get(table.id).tBodies[0].replaceChildren(...table.rows.map((row) =>
        (row.hidden ? hiddenRow(row.label, table.k, 1) : groupRow(row.label, [[String(row.count), "num"]]))));
    });
  }

  /** Comments and text answers under their principle and question, each with its organisation. */
  function showOpenAnswers(collected, result) {
    const entries = new Map(B.openAnswers(bank, groups, result, collected.responses).map((e) => [e.principle, e]));
    document.querySelectorAll("[data-open]").forEach((section) => {
      const entry = entries.get(section.dataset.open);
      section.hidden = !entry;
      const lists = new Map((entry ? entry.about : []).map((a) => [a.key, a.items]));
      section.querySelectorAll("[data-about]").forEach((about) => {
        const items = lists.get(about.dataset.about) || [];
        about.hidden = !items.length;
        about.querySelector("ul").replaceChildren(...items.map((item) => {
          const li = el("li");
          li.append(el("p", item.text, "open-text"), el("p", item.organisation, "open-from"));
          li.firstChild.dir = "auto";
          return li;
        }));
      });
      const note = section.querySelector(".open-withheld");
      note.hidden = !(entry && entry.withheld);
      note.textContent = entry && entry.withheld ? say("withheld", { count: entry.withheld, k: groups.min_group_size }) : "";
    });
    $("open-answers").hidden = !entries.size;
  }

  function showHeatLegend(levels, pid) {
    $("heat-legend").dataset.principle = pid || "";
    $("heat-legend").hidden = !levels.length;
    $("heat-legend").replaceChildren(...H.legend(levels).map((l) => {
      const item = el("li");
      item.append(el("span", null, "heat-legend__swatch tone-" + l.tone), el("span", say("levelFrom", { level: l.label, min: l.min })));
      return item;
    }));
  }

  function today() {
    const d = new Date();
    const two = (n) => String(n).padStart(2, "0");
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  function downloadCsv() {
    if (!current || !current.result) return;
    const text = R.combinedCsv(bank, current.collected.responses, current.result);
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
    link.download = bank.id + "-partnership-" + today() + ".csv";
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60000);
  }

  function clearFiles() {
    files = [];
    update();
    $("status").textContent = say("allRemoved");
    input.focus();
  }

  document.documentElement.classList.add("js");
  document.querySelectorAll(".js-only").forEach((node) => { node.hidden = false; });
  showHeatLegend(bank.levels);
  /** Files chosen in `picker` or dropped on `zone` go to `take` (this round's, and each earlier
      round's in partnership-trends.js, through SelfassessPartnershipPage). */
  function watchFiles(picker, zone, take) {
    picker.addEventListener("change", () => {
      const list = Array.from(picker.files || []);
      picker.value = "";  // so the same file can be chosen again (and reported as a duplicate)
      take(list);
    });
    ["dragenter", "dragover"].forEach((type) => zone.addEventListener(type, (event) => {
      event.preventDefault();
      zone.classList.add("is-over");
    }));
    ["dragleave", "drop"].forEach((type) => zone.addEventListener(type, () => zone.classList.remove("is-over")));
    zone.addEventListener("drop", (event) => {
      event.preventDefault();
      take(event.dataTransfer && event.dataTransfer.files);
    });
  }
  globalThis.SelfassessPartnershipPage = { watchFiles };
  watchFiles(input, $("drop-zone"), add);
  // A file dropped beside the box must not replace this page with the file.
  ["dragover", "drop"].forEach((type) => document.addEventListener(type, (event) => event.preventDefault()));
  $("clear-files").addEventListener("click", clearFiles);
  $("heat-principle").addEventListener("change", showHeatMap);
  $("download-csv").addEventListener("click", downloadCsv);
  $("print").addEventListener("click", () => window.print());
})();
