/* selfassess trend chart geometry: scorecard/trend_chart.py's trend_geometry, to the unit, for
   the partnership page's small line chart of a principle across rounds (oldest on the left, the
   score up on 0-100, its level bands behind). tests/vectors/charts/trend-lines.json pins the two
   twins, so the page and the PDF cannot drift. Pure: no DOM; the theme (partnership-trends.js)
   draws it with createElementNS and writes every text as textContent, and its table beside the
   chart is the text equivalent. Rounds sit in the middle of their own columns, their labels
   wrapped to the column (charts.js's wrap, chart_parts.wrap_text's twin); a round without a
   figure is a gap in the line, never a zero; the y axis shows both ends of the scale and each
   level's `min` that does not crowd a figure already kept. */
(function (root) {
  "use strict";
  // trend_chart.py's constants: SVG units (the page's viewBox, the PDF's about 85 mm).
  const LAYOUT = {
    width: 300, left: 30, rightRoom: 10, top: 8, plotHeight: 96, font: 10, leading: 11.5,
    charWidth: 0.55, maxLabelLines: 3, tickGap: 12
  };

  /** Rounds evenly spaced, oldest first, each in the middle of its own column (trend_chart._round_xs). */
  function roundXs(count, left, right) {
    const column = (right - left) / Math.max(count, 1);
    return Array.from({ length: count }, (_, i) => left + (i + 0.5) * column);
  }

  /** Each level's band, from its `min` (on 0-100) up to the next level's, the last up to 100. */
  function bands(mins, yOf) {
    const ordered = mins.slice().sort((a, b) => a - b), out = [];
    ordered.forEach((low, index) => {
      const high = index + 1 < ordered.length ? ordered[index + 1] : 100;
      const yHigh = yOf(high), yLow = yOf(low);
      if (yLow > yHigh) out.push({ y: yHigh, height: yLow - yHigh, index, count: ordered.length });
    });
    return out;
  }

  /** Both ends of the scale always; a level's `min` unless it would crowd a kept figure. */
  function ticks(display, levels, yOf) {
    const D = root.SelfassessDisplay, C = root.SelfassessCharts;
    const inside = levels.filter((m) => display.lo <= m && m <= display.hi);
    const values = [...new Set([display.lo, display.hi, ...inside])].sort((a, b) => a - b);
    const kept = [], topY = yOf(100);
    for (const value of values) {
      const y = yOf(D.percent(display, value)), end = value === display.lo || value === display.hi;
      if (end || (kept[kept.length - 1].y - y >= LAYOUT.tickGap && y - topY >= LAYOUT.tickGap)) {
        kept.push({ y, value, text: C.numberText(display, value) });
      }
    }
    return kept;
  }

  /**
   * trend_chart.trend_geometry's twin. `values`: one per round, 0-100 (null: no figure there, a
   * gap); `labels`: the rounds' names; `levels`: the `min` of each of the principle's levels in
   * the displayed unit; `display`: SelfassessDisplay.displayOf(bank). Returns {width, height,
   * left, right, top, bottom, points: [{x, y or null}], segments: [[[x, y], ...] per run of
   * neighbouring rounds with figures], bands: [{y, height, index, count}], ticks: [{y, value,
   * text}], labels: [{x, lines}]}; the plot spans x left-right, y top (100) to bottom (0).
   */
  function trendChart(values, labels, levels, display, width) {
    const L = LAYOUT, D = root.SelfassessDisplay, C = root.SelfassessCharts, d = display || D.PERCENT;
    const w = width === undefined ? L.width : width;
    const left = L.left, right = w - L.rightRoom, top = L.top, bottom = L.top + L.plotHeight;
    const yOf = (value) => bottom - (Math.max(0, Math.min(100, value)) / 100) * L.plotHeight;
    const xs = roundXs(values.length, left, right);
    const points = values.map((v, i) => ({ x: xs[i], y: v === null || v === undefined ? null : yOf(v) }));
    const segments = [];
    let run = [];
    for (const p of points) {
      if (p.y === null) {
        if (run.length) segments.push(run);
        run = [];
      } else {
        run.push([p.x, p.y]);
      }
    }
    if (run.length) segments.push(run);
    const column = (right - left) / Math.max(values.length, 1);
    const chars = Math.max(4, Math.floor((column - 4) / (L.font * L.charWidth)));
    const wrapped = xs.map((x, i) => ({ x, lines: C.wrap(String(labels[i]), chars, L.maxLabelLines) }));
    const most = wrapped.length ? Math.max(...wrapped.map((l) => l.lines.length)) : 1;
    return {
      width: w, height: bottom + 6 + most * L.leading + 4, left, right, top, bottom, points, segments,
      bands: bands(levels.map((m) => D.percent(d, m)), yOf), ticks: ticks(d, levels, yOf), labels: wrapped
    };
  }

  root.SelfassessTrendChart = { trendChart, LAYOUT };
})(globalThis);
