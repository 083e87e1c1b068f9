/* selfassess partnership page, what the bank says of its own scoring: figures in the unit it
   shows them in (0-100 or its scale, through SelfassessDisplay), the scored principles as the
   score tables' columns in group order, group rows with the group's score and level, each
   principle's level label from its own levels, "Lowest scores" where the bank has no weakest
   link, and the answer counts of the principles it reports without scoring. Presentational
   only: every figure is the result's (`score --format json`, in the displayed unit);
   partnership.js calls these. Text from files only ever goes in as textContent. */
(function () {
  "use strict";
  const S = globalThis.SelfassessScoring;
  const D = globalThis.SelfassessDisplay;
  const C = globalThis.SelfassessCharts;
  const say = globalThis.SelfassessMessages;

  const present = (v) => v !== null && v !== undefined;
  const own = (map, key) => (map && Object.hasOwn(map, key) ? map[key] : undefined);

  /** The three lowest scored principles of the partnership, lowest first, ties in bank order. */
  function lowestScores(view, result) {
    const principles = result.partnership.principles;
    return view.scored.map((p, i) => ({ p, i, r: own(principles, p.id) }))
      .filter((x) => x && x.r && typeof x.r.score === "number")
      .sort((a, b) => a.r.score - b.r.score || a.i - b.i).slice(0, 3);
  }

  /** The organisation with the lowest (sign 1) or highest (-1) score on a principle; ties go
      to the first in the result's order (alphabetical), as the weakest organisation's do. */
  function extreme(result, pid, sign) {
    let found = null;
    for (const name of Object.keys(result.organisations)) {
      const s = result.organisations[name].principles[pid];
      if (present(s) && (found === null || sign * s < sign * result.organisations[found].principles[pid])) found = name;
    }
    return found;
  }

  function create(bank) {
    const display = D.displayOf(bank);
    const scoring = bank.scoring || {};
    const levelsOf = (p) => p.levels || bank.levels;
    /** The label of a level among `levels` (a principle's own, or the bank's); "" for none. */
    const labelIn = (levels, id) => (levels.find((l) => l.id === id) || { label: "" }).label;
    const inGroups = bank.groups ? bank.groups.flatMap((g) => bank.principles.filter((p) => p.group === g.id)) : bank.principles;
    const view = {
      display,
      overall: scoring.overall !== false,
      weakestLink: scoring.weakest_link !== false,
      // The score tables' columns (organisations, breakdowns, the chart): scored, in group order.
      scored: inGroups.filter((p) => p.scored !== false),
      levelsOf,
      labelIn,
      /** A figure already in the displayed unit (a score or a spread), as people read it. */
      figure: (v) => (!present(v) ? "–" : display.onScale ? D.oneDecimal(v) : String(S.roundHalfUp(v))),
      /** A figure in the displayed unit on 0-100, where the chart draws it. */
      percent: (v) => (!present(v) ? null : D.percent(display, v)),
      lowest: (result, pid) => extreme(result, pid, 1),
      highest: (result, pid) => extreme(result, pid, -1)
    };

    /** The group rows of the principles table: the group's score and level. */
    view.showGroups = (result) => {
      const groups = result.partnership.groups || {};
      document.querySelectorAll("tr[data-group]").forEach((row) => {
        const g = own(groups, row.dataset.group);
        row.querySelector('[data-cell="score"]').textContent = view.figure(g && g.score);
        row.querySelector('[data-cell="level"]').textContent = g ? labelIn(bank.levels, g.level) : "";
      });
    };

    /** "Lowest scores": each "Title — figure level". */
    view.showLowest = (result) => {
      const list = document.getElementById("lowest");
      const ranked = lowestScores(view, result);
      list.hidden = !ranked.length;
      list.querySelector("ol").replaceChildren(...ranked.map((x) => {
        const item = document.createElement("li");
        item.textContent = x.p.title + " — " + view.figure(x.r.score) + " " + labelIn(levelsOf(x.p), x.r.level);
        return item;
      }));
    };

    /** How many chose each answer to the unscored principles' questions; a count standing for
        fewer than k respondents is withheld by the choice counts' rule (breakdowns.js). */
    view.showCounted = (result, k) => {
      document.querySelectorAll("table[data-counted]").forEach((table) => {
        const entry = own(result.partnership.principles, table.dataset.counted);
        const counts = own(entry && entry.answers, table.dataset.question);
        const rows = Array.from(table.querySelectorAll("tr[data-answer]"));
        const numbers = rows.map((row) => own(counts, row.dataset.answer) || 0);
        const hidden = new Set(globalThis.SelfassessBreakdowns.hiddenGroups(numbers, k));
        rows.forEach((row, i) => {
          const n = own(counts, row.dataset.answer), cell = row.querySelector("td");
          cell.textContent = hidden.has(i) ? say("fewerThan", { k }) : typeof n === "number" ? String(n) : "–";
          cell.classList.toggle("hidden-group", hidden.has(i));
        });
      });
    };
    view.chart = (series, description) => chart(bank, view, series, description);
    return view;
  }

  /** The chart of `series` (figures in the displayed unit, the partnership's first, each with
      its palette style): the radar for 3 to 10 scored principles, else the ranked dot plot
      (charts.js's rule), whose caption then replaces the radar's. */
  function chart(bank, view, series, description) {
    const kind = C.chartKind(view.scored.length), d = view.display;
    if (kind === "radar") {
      return C.radar({
        id: "partnership-radar",
        axes: view.scored.map((p) => p.title),
        series: series.map((s) => ({ ...s, values: s.values.map(view.percent) })),
        rings: C.radarRings(bank.levels, d),
        display: d,
        title: say("radarTitle"),
        corners: bank.palette.corners,
        compact: window.matchMedia("(max-width: 32em)").matches, // a phone: larger labels
        description
      });
    }
    document.getElementById("radar-caption").textContent = say("dotsCaption");
    return C.dotPlotSvg({
      id: "partnership-dots",
      rows: view.scored.map((p, i) => ({
        label: p.title,
        partnership: view.percent(series[0].values[i]),
        organisations: series.slice(1).map((s) => view.percent(s.values[i])),
        levels: view.levelsOf(p).map((l) => l.min)
      })),
      display: d,
      ticks: bank.levels.map((l) => l.min),
      title: say("dotsTitle"),
      description,
      caption: d.onScale ? say("axisScale", { scale: d.lo + "–" + d.hi }) : say("axisPercent"),
      styles: series.slice(1).map((s) => s.style),
      corners: bank.palette.corners,
      ramp: bank.palette.ramp
    });
  }

  globalThis.SelfassessPartnershipResults = { create };
})();
