/* selfassess form page, its results: one respondent's scores as the bank shows them (on 0-100
   or its own scale, through SelfassessDisplay), by group where the bank has groups, each
   principle's level from its own levels, the overall score or the lowest scores, the weakest
   principle where the bank has a weakest link, the chart and the advice. Presentational only:
   the figures are SelfassessScoring's (scoring.js), in the displayed unit, as
   `score --format json` writes them. form.js calls it after every change. */
(function () {
  "use strict";
  const S = globalThis.SelfassessScoring;
  const C = globalThis.SelfassessCharts;
  const D = globalThis.SelfassessDisplay;
  const say = globalThis.SelfassessMessages;

  /** Show an element's pre-rendered [data-when] variants for `variant` (true: "scored", false:
      "unscored"; data-when may list several) and put values in its [data-slot]s. */
  function show(element, variant, values) {
    const when = variant === true ? "scored" : variant === false ? "unscored" : variant;
    element.querySelectorAll("[data-when]").forEach((el) => { el.hidden = !el.dataset.when.split(" ").includes(when); });
    element.querySelectorAll("[data-slot]").forEach((el) => { el.textContent = values[el.dataset.slot]; });
  }

  /** Show the [data-level] children that match `level` ("" for none); false if none did. */
  function showLevel(element, level) {
    let shown = false;
    element.querySelectorAll("[data-level]").forEach((el) => { el.hidden = el.dataset.level !== (level || ""); shown = shown || !el.hidden; });
    return shown;
  }

  /** The weakest principle is named only when every principle has a score, and every one
      that shares the lowest score is named (a tie is not settled by the bank's order here). */
  function showWeakest(v, result, unscored, scorable) {
    const weakest = S.weakestPrinciple(v.bank, result.principles);
    const tied = weakest === null ? [] : v.scored.filter((p) => result.principles[p.id] === result.principles[weakest]);
    show(document.getElementById("weakest"), unscored ? (unscored === 1 ? "pending-one" : "pending") : tied.length > 1 ? "tied" : "scored", {
      title: tied.map((p) => v.titles[p.id]).join("; "),
      score: v.figure(result.principles[weakest] ?? null),
      remaining: unscored,
      total: scorable
    });
  }

  /** Without a weakest link: the three lowest scored principles, ties in bank order. */
  function showLowest(v, result) {
    const ranked = v.scored.filter((p) => typeof result.principles[p.id] === "number")
      .map((p, i) => ({ p, i, score: result.principles[p.id] }))
      .sort((a, b) => a.score - b.score || a.i - b.i).slice(0, 3);
    document.getElementById("lowest").hidden = !ranked.length;
    document.getElementById("lowest").querySelector("ol").replaceChildren(...ranked.map((r) => {
      const item = document.createElement("li");
      item.textContent = r.p.title + " — " + v.figure(r.score) + " " + v.labelIn(v.levelsOf(r.p), D.levelOf(v.levelsOf(r.p), r.score));
      return item;
    }));
  }

  /** The results of one bank's form: `render(result, na, asked)` after every change. */
  function create(bank) {
    const $ = (id) => document.getElementById(id);
    const display = D.displayOf(bank);
    // Keyed by ids, which may be `constructor` or `toString`: no prototype (scoring.js's dict).
    const titles = S.dict();
    bank.principles.forEach((p) => { titles[p.id] = p.title; });
    const levelsOf = (p) => p.levels || bank.levels;
    /** The label of a level among `levels` (a principle's own, or the bank's); "" for none. */
    const labelIn = (levels, id) => (levels.find((l) => l.id === id) || { label: "" }).label;
    const scored = bank.principles.filter((p) => p.scored !== false);
    /** A figure already in the displayed unit, as people read it. */
    const figure = (v) => (v === null || v === undefined ? "–" : display.onScale ? D.oneDecimal(v) : String(S.roundHalfUp(v)));
    const percentOf = (v) => (v === null || v === undefined ? null : D.percent(display, v));

    function showPrinciples(result, na, asked) {
      scored.forEach((p) => {
        const score = result.principles[p.id] ?? null, level = D.levelOf(levelsOf(p), score);
        const row = document.querySelector('tr[data-principle="' + CSS.escape(p.id) + '"]');
        // The answers a score needs, out of the rated questions asked (the page lists the figure for each count).
        const rated = p.questions.filter((q) => !q.type && asked.has(q.id)).length;
        const needed = (row.dataset.needed || "").split(" ")[rated - 1];
        show(row, na.has(p.id) ? "na" : score !== null, { score: figure(score), level: labelIn(levelsOf(p), level), needed, total: rated });
        row.querySelector(".bar span").style.width = percentOf(score) + "%";
        const advice = $("advice-" + p.id);
        advice.hidden = na.has(p.id) || !showLevel(advice, level);
      });
      const groups = result.groups || {};
      document.querySelectorAll("tr[data-group]").forEach((row) => {
        const g = Object.hasOwn(groups, row.dataset.group) ? groups[row.dataset.group] : null;
        show(row, true, { score: figure(g && g.score), level: g ? labelIn(bank.levels, g.level) : "" });
      });
    }

    function showOverall(result, missing) {
      show($("overall"), result.overall !== null, { score: figure(result.overall), level: labelIn(bank.levels, result.level), missing: missing.join("; ") });
      showLevel($("overall"), result.level);
    }

    /** The radar for 3 to 10 scored principles, else the ranked dot plot (charts.js's rule). */
    function showChart(result) {
      const kind = C.chartKind(scored.length), values = scored.map((p) => percentOf(result.principles[p.id] ?? null));
      // The template's caption is the radar's; the dot plot's replaces it.
      if (kind === "dots") document.querySelector("#radar + figcaption").textContent = say("dotsCaption");
      const scale = display.onScale ? display.lo + "–" + display.hi : null;
      $("radar").innerHTML = kind === "dots" ? C.dotPlotSvg({
        id: "dots-chart",
        rows: scored.map((p, i) => ({ label: p.title, partnership: values[i], organisations: [], levels: levelsOf(p).map((l) => l.min) })),
        display,
        ticks: bank.levels.map((l) => l.min),
        title: say("dotsTitle"),
        caption: scale ? say("axisScale", { scale }) : say("axisPercent")
      }) : C.radar({
        id: "radar-chart",
        axes: scored.map((p) => p.title),
        series: [{ label: say("yourScores"), values }],
        rings: C.radarRings(bank.levels, display),
        display,
        title: say("radarTitle"),
        compact: window.matchMedia("(max-width: 32em)").matches // a phone: larger labels
      });
    }

    /** The results of one respondent; principles in `na` were not applicable to them, `asked`
        holds the questions asked of them. */
    function render(result, na, asked) {
      $("results").hidden = false;
      showPrinciples(result, na, asked);
      const scorable = scored.filter((p) => !na.has(p.id));
      const missing = scorable.filter((p) => result.principles[p.id] === null).map((p) => p.title);
      if ($("overall")) showOverall(result, missing);
      if ($("weakest")) showWeakest(view, result, missing.length, scorable.length);
      if ($("lowest")) showLowest(view, result);
      showChart(result);
    }

    const view = { bank, scored, titles, labelIn, levelsOf, figure };
    return { render, figure };
  }

  globalThis.SelfassessFormResults = { create, show, showLevel };
})();
