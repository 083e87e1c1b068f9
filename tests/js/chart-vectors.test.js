// The shared chart cases of tests/vectors/charts/, which tests/test_chart_vectors.py runs through
// the scorecard's Python: radar points, the palette's markers, heat-map cells and radar labels
// (wrap and anchor), the dot plot, the rings and the trends page's line chart must come out the
// same from charts.js, heatmap.js and trend-chart.js.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { loadScripts, plain } = require("./support.js");

const { SelfassessCharts: C, SelfassessHeatmap: H, SelfassessTrendChart: T } =
  loadScripts(["display.js", "scoring.js", "charts.js", "heatmap.js", "trend-chart.js"]);
const VECTORS = path.join(__dirname, "..", "vectors", "charts");
const vectors = (name) => JSON.parse(fs.readFileSync(path.join(VECTORS, name), "utf8"));
const CORNERS = {  // core/palette.py MARKER_CORNERS, as the page gets them in its palette data
  square: [[-1, -1], [1, -1], [1, 1], [-1, 1]], triangle: [[0, -1.25], [1.15, 0.85], [-1.15, 0.85]],
  "triangle-down": [[0, 1.25], [1.15, -0.85], [-1.15, -0.85]], diamond: [[0, -1.35], [1.35, 0], [0, 1.35], [-1.35, 0]],
};
const numbers = (text) => (text.match(/-?\d+(?:\.\d+)?/g) || []).map(Number);
const pairs = (list) => list.reduce((out, v, i) => (i % 2 ? out : out.concat([[v, list[i + 1]]])), []);
const near = (a, b, tolerance, where) => a.flat(3).forEach((v, i) => assert.ok(Math.abs(v - b.flat(3)[i]) <= tolerance, where + ": " + a + " != " + b));

test("radar points: axis 0 straight up, clockwise, 100 at the radius (tests/vectors/charts/radar-points.json)", () => {
  for (const c of vectors("radar-points.json").cases) {
    near(C.radarPoint(c.n, c.axis, c.value, c.centre, c.radius), c.point, 1e-6, JSON.stringify(c));
  }
});

/** The drawn marker as the vectors describe it: its kind, hollow or not, and its geometry. */
function shapeOf(svg) {
  const hollow = /fill="#fff"/.test(svg);
  let m = svg.match(/<circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"/);
  if (m) return { kind: "circle", hollow, centre: [Number(m[1]), Number(m[2])], radius: Number(m[3]) };
  m = svg.match(/<polygon points="([^"]+)"/);
  if (m) return { kind: "polygon", hollow, points: pairs(numbers(m[1])) };
  const ends = pairs(numbers(svg.match(/ d="([^"]+)"/)[1]));
  return { kind: "strokes", hollow: false, segments: [[ends[0], ends[1]], [ends[2], ends[3]]] };
}

test("every palette marker has the PDF's kind and corners (tests/vectors/charts/markers.json)", () => {
  const v = vectors("markers.json");
  assert.equal(v.size, 5);
  for (const c of v.cases) {
    const drawn = shapeOf(C.marker({ colour: "#000", dash: "", marker: c.marker }, CORNERS, v.at[0], v.at[1]));
    assert.equal(drawn.kind, c.kind, c.marker);
    assert.equal(drawn.hollow, c.hollow, c.marker);
    if (c.kind === "circle") near([drawn.centre, drawn.radius], [c.centre, c.radius], 0.051, c.marker);
    else if (c.kind === "polygon") near(drawn.points, c.points, 0.051, c.marker);
    else near(drawn.segments, c.segments, 0.051, c.marker);
  }
});

test("heat-map cells: printed number, level and tone as the scorecard's (tests/vectors/charts/heat-cells.json)", () => {
  const v = vectors("heat-cells.json");
  for (const c of v.cases) {
    const cell = plain(H.cell(v.levels, c.value));
    assert.deepEqual([cell.shown, cell.level, cell.tone], [c.shown, c.level, c.tone], JSON.stringify(c));
  }
});

test("radar labels wrap as the PDF's: greedy, long words cut, ellipsis past the last line (tests/vectors/charts/labels.json)", () => {
  for (const c of vectors("labels.json").wrap) assert.deepEqual(plain(C.wrap(c.text, c.max_chars, c.max_lines)), c.lines, c.about);
});

test("radar labels anchor as the PDF's: middle near the vertical, else away from the chart (tests/vectors/charts/labels.json)", () => {
  for (const c of vectors("labels.json").anchors) {
    assert.deepEqual(Array.from({ length: c.n }, (_, i) => C.labelAnchor(c.n, i)), c.anchors, "n=" + c.n);
  }
});

/** Numbers to `tolerance` (1e-6 unless given), everything else exactly, the same keys all the way down. */
function sameGeometry(actual, expected, where, tolerance = 1e-6) {
  if (expected !== null && typeof expected === "object") {
    assert.ok(actual !== null && typeof actual === "object", where);
    assert.equal(Array.isArray(actual), Array.isArray(expected), where);
    assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), where);
    for (const key of Object.keys(expected)) sameGeometry(actual[key], expected[key], where + "." + key, tolerance);
  } else if (typeof expected === "number") {
    assert.ok(typeof actual === "number" && Math.abs(actual - expected) <= tolerance, where + ": " + actual + " != " + expected);
  } else {
    assert.deepEqual(actual, expected, where);
  }
}

test("the chart is a radar for 3 to 10 scored principles, else a dot plot (tests/vectors/charts/dot-plot.json)", () => {
  for (const c of vectors("dot-plot.json").chart_kind) assert.equal(C.chartKind(c.n_scored), c.kind, "n=" + c.n_scored);
});

test("the dot plot's geometry is the scorecard's (tests/vectors/charts/dot-plot.json)", () => {
  for (const c of vectors("dot-plot.json").cases) {
    const d = c.display, display = { unit: d.unit, lo: d.lo, hi: d.hi, range: d.hi - d.lo, onScale: d.unit === "scale" };
    sameGeometry(plain(C.dotPlot({ rows: c.rows, display, ticks: c.ticks, top: c.top })), c.geometry, c.about.slice(0, 40));
  }
});

test("level colours sample the palette's ramp as Python does (tests/vectors/charts/dot-plot.json)", () => {
  const v = vectors("dot-plot.json").level_colours;
  for (const c of v.cases) assert.deepEqual(plain(C.levelColours(v.ramp, c.count)), c.colours, "count " + c.count);
});

test("the radar's rings start where the levels do, on 0-100 (tests/vectors/charts/radar-rings.json)", () => {
  for (const c of vectors("radar-rings.json").cases) {
    const d = c.display, display = { unit: d.unit, lo: d.lo, hi: d.hi, range: d.hi - d.lo, onScale: d.unit === "scale" };
    const rings = plain(C.radarRings(c.mins.map((min) => ({ min })), display));
    assert.equal(rings.length, c.rings.length, JSON.stringify(c));
    near(rings, c.rings, 1e-9, JSON.stringify(c));
  }
});

test("the trend chart's geometry is the scorecard's: points, gaps, bands, axis figures, labels (tests/vectors/charts/trend-lines.json)", () => {
  for (const c of vectors("trend-lines.json").cases) {
    const d = c.display, display = { unit: d.unit, lo: d.lo, hi: d.hi, range: d.hi - d.lo, onScale: d.unit === "scale" };
    sameGeometry(plain(T.trendChart(c.values, c.labels, c.levels, display)), c.geometry, c.about.slice(0, 40), 1e-9);
  }
});
