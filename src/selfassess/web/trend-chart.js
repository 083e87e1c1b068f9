/* selfassess trend chart geometry: where a principle's small line chart across rounds puts its
   level bands, points and lines, as numbers in a fixed viewBox. Pure: no DOM, no text; the
   theme (partnership-trends.js) draws it with createElementNS and writes round labels as
   textContent, and its table beside it is the text equivalent. Figures are in the displayed
   unit (display.js) and drawn on 0-100 as the other charts draw them. */
(function (root) {
  "use strict";
  const D = root.SelfassessDisplay;
  const BOX = { width: 320, height: 150, left: 40, right: 16, top: 10, bottom: 30 };

  const clamp = (v) => Math.min(100, Math.max(0, v));

  /**
   * The chart of one principle: `values` one per round (displayed unit; null where it did not
   * exist or has no score), `levels` [{id, min}] it is read against, `display` the bank's.
   * Returns {width, height, plot, bands: [{y, height, index, count}], ticks: [{y, min}],
   * xs: [x per round], points: [{x, y, index}] (only where there is a value), segments: [[a, b]]
   * joining neighbouring rounds that both have a value (a gap stays a gap, never a zero)}.
   */
  function trendChart(values, levels, display) {
    const plot = { x: BOX.left, y: BOX.top, width: BOX.width - BOX.left - BOX.right, height: BOX.height - BOX.top - BOX.bottom };
    const yOf = (percent) => plot.y + plot.height - (clamp(percent) / 100) * plot.height;
    const n = values.length;
    const xs = values.map((v, i) => plot.x + (n === 1 ? plot.width / 2 : (i * plot.width) / (n - 1)));
    const mins = levels.map((l) => ({ min: l.min, at: clamp(D.percent(display, l.min)) })).sort((a, b) => a.at - b.at);
    const bands = mins.map((m, i) => {
      const top = i + 1 < mins.length ? mins[i + 1].at : 100;
      return { y: yOf(top), height: yOf(m.at) - yOf(top), index: i, count: mins.length };
    }).filter((b) => b.height > 0);
    const points = [];
    values.forEach((v, i) => {
      if (v !== null && v !== undefined) points.push({ x: xs[i], y: yOf(D.percent(display, v)), index: i });
    });
    const segments = [];
    for (let k = 1; k < points.length; k++) {
      if (points[k].index === points[k - 1].index + 1) segments.push([points[k - 1], points[k]]);
    }
    return { width: BOX.width, height: BOX.height, plot, bands, ticks: mins.map((m) => ({ y: yOf(m.at), min: m.min })),
      xs, points, segments };
  }

  root.SelfassessTrendChart = { trendChart, BOX };
})(globalThis);
