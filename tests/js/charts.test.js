// Unit tests for src/selfassess/web/charts.js: the radar chart is a pure SVG string.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { loadScripts } = require("./support.js");

const { SelfassessCharts: C, SelfassessDisplay: D } = loadScripts(["display.js", "charts.js"]);

const AXES = ["Shared agenda", "Shared measures", "Communication", "Hierarchies", "Reciprocity"];
const count = (svg, pattern) => (svg.match(pattern) || []).length;

test("one line: a closed, filled shape with a marker per principle", () => {
  const svg = C.radar({ axes: AXES, series: [{ values: [10, 20, 30, 40, 50] }], title: "Mine" });
  assert.match(svg, /^<svg [^>]*role="img"/);
  assert.match(svg, /<title id="radar-title">Mine<\/title>/);
  assert.equal(count(svg, /<circle /g), 5);
  assert.match(svg, /fill-opacity="0.12"/);
  assert.match(svg, /Z" fill="none"/);
});

test("labels and titles are escaped, and the SVG never needs an inline style", () => {
  const svg = C.radar({ axes: ["<script>alert(1)</script>", "a & b", "c", "d"], series: [{ values: [1, 2, 3, 4] }],
    title: '"><img onerror=x>' });
  assert.ok(!svg.includes("<script>"));
  assert.ok(!svg.includes("<img"));
  assert.ok(svg.includes("&lt;script&gt;"));
  assert.ok(svg.includes("a &amp; b"));
  assert.ok(!/style=/.test(svg));
});

test("a principle with no score leaves a gap, not a point at zero", () => {
  const svg = C.radar({ axes: AXES, series: [{ values: [50, null, 50, 50, 50] }] });
  assert.equal(count(svg, /<circle /g), 4);
  assert.ok(!/Z" fill="none"/.test(svg), "the line is not closed across the gap");
  const line = svg.slice(svg.indexOf('<g class="radar-series'));
  assert.equal(count(line, /M[\d.]+,[\d.]+L[\d.]+,[\d.]+/g), 3); // 4 points, 3 joining segments
});

// The palette the pages get as data (core/palette.py's palette_data), for three organisations.
const CORNERS = { square: [[-1, -1], [1, -1], [1, 1], [-1, 1]], triangle: [[0, -1.25], [1.15, 0.85], [-1.15, 0.85]] };
const STYLES = [
  { colour: "#E69F00", dash: "", marker: "circle" },
  { colour: "#56B4E9", dash: "7 4", marker: "square" },
  { colour: "#009E73", dash: "2 3", marker: "open-triangle" },
];

test("several lines differ in dash pattern and marker shape, not only colour", () => {
  const series = STYLES.map((style) => ({ values: [50, 60, 70, 80, 90], style }));
  const svg = C.radar({ axes: AXES, series, corners: CORNERS });
  const groups = svg.split('<g class="radar-series').slice(1);
  assert.equal(groups.length, 3);
  assert.ok(!groups[0].includes("stroke-dasharray") && groups[1].includes('stroke-dasharray="7 4"'));
  assert.ok(groups[0].includes("<circle") && groups[1].includes("<polygon") && !groups[1].includes("<circle"));
  assert.ok(groups[2].includes("#009E73") && groups[2].includes('fill="#fff"'), "an open marker is hollow");
  assert.ok(!/fill-opacity="0.12"/.test(svg), "overlapping fills would hide each other");
  assert.match(C.legendSwatch(STYLES[1], CORNERS), /stroke-dasharray="7 4"/);
});

test("plus and cross markers are strokes, drawn without corners", () => {
  for (const marker of ["plus", "cross"]) {
    const svg = C.legendSwatch({ colour: "#000", dash: "", marker }, CORNERS);
    assert.match(svg, /<path fill="none" d="M[\d.,]+L[\d.,]+M[\d.,]+L[\d.,]+"\/>/);
  }
});

// The dot plot, for fewer than 3 or more than 10 scored principles.
const LEVELS = [0, 40, 60, 80];
const dotRows = (n) => Array.from({ length: n }, (_, i) => ({
  label: (i + 1) + ". Principle number " + (i + 1) + " with a long title that wraps over lines",
  partnership: i === 3 ? null : (i * 37) % 101, organisations: [(i * 13) % 101, null], levels: LEVELS
}));

test("the chart kind: a radar for 3 to 10 scored principles, else a dot plot", () => {
  assert.deepEqual([2, 3, 10, 11, 20].map(C.chartKind), ["dots", "radar", "radar", "dots", "dots"]);
});

test("the dot plot ranks its rows highest first, no score last, and its labels never overlap", () => {
  const g = C.dotPlot({ rows: dotRows(20), display: D.PERCENT, ticks: LEVELS });
  const scores = g.rows.map((r) => r.partnership);
  assert.equal(scores[scores.length - 1], null);
  for (let i = 1; i < scores.length - 1; i++) assert.ok(scores[i - 1] >= scores[i], "ranked at " + i);
  g.rows.forEach((r, i) => {
    assert.ok(r.box.x + r.box.width < g.left, "clear of the plot");
    if (i) assert.ok(g.rows[i - 1].box.y + g.rows[i - 1].box.height <= r.box.y, "clear of the row above");
  });
});

test("the dot plot SVG: escaped, no inline style, a dot per score, bands in the ramp's colours", () => {
  const rows = [{ label: "<script>x</script>", partnership: 50, organisations: [40, 60], levels: LEVELS }].concat(dotRows(2));
  const ramp = ["#f2a488", "#fde3a0", "#bcdcec", "#82b5dc"];
  const svg = C.dotPlotSvg({ rows, display: D.PERCENT, ticks: LEVELS, title: "T & U", styles: STYLES.slice(0, 2), corners: CORNERS, ramp });
  assert.match(svg, /^<svg [^>]*role="img"/);
  assert.ok(!svg.includes("<script>") && svg.includes("&lt;script&gt;") && svg.includes("T &amp; U"));
  assert.ok(!/style=/.test(svg));
  assert.equal(count(svg.slice(svg.indexOf("dot-plot-series-0")), /<circle /g), 3);
  assert.ok(svg.includes('fill="#f2a488"') && svg.includes('fill="#82b5dc"'));
  assert.ok(svg.includes('stroke="#56B4E9"'));
});

test("on the scale the dot plot's ticks are in the scale's unit", () => {
  const display = D.displayOf({ scoring: { display: "scale" }, scale: [1, 2, 3, 4, 5].map((value) => ({ value })) });
  const svg = C.dotPlotSvg({ rows: [{ label: "A", partnership: 50, organisations: [], levels: [1, 3, 4] }], display, ticks: [1, 3, 4] });
  assert.deepEqual([...svg.matchAll(/>(\d\.\d)<\/text>/g)].map((m) => m[1]), ["1.0", "3.0", "4.0", "5.0"]);
});

test("on the scale the radar's rings are labelled in the scale's unit", () => {
  const display = D.displayOf({ scoring: { display: "scale" }, scale: [1, 2, 3, 4, 5].map((value) => ({ value })) });
  const svg = C.radar({ axes: AXES, series: [{ values: [10, 20, 30, 40, 50] }], rings: C.radarRings([{ min: 1 }, { min: 3 }, { min: 4 }], display), display });
  assert.deepEqual([...svg.matchAll(/>(\d\.\d)<\/text>/g)].map((m) => m[1]), ["3.0", "4.0", "5.0"]);
  assert.match(C.radar({ axes: AXES, series: [{ values: [1, 2, 3, 4, 5] }] }), />100<\/text>/);
});

test("a compact radar (a phone's width) draws larger labels, wrapped shorter, on a smaller web", () => {
  const wide = C.radar({ axes: AXES, series: [{ values: [10, 20, 30, 40, 50] }] });
  const compact = C.radar({ axes: AXES, series: [{ values: [10, 20, 30, 40, 50] }], compact: true });
  assert.match(wide, /font-size="15"/);
  assert.match(compact, /font-size="22"/);
  assert.equal(count(compact, /class="radar-label"/g), 5);
  // The outer ring: 165 units from the centre wide, 125 compact (its top corner at y = 250 - r).
  assert.match(wide, /320,85/);
  assert.match(compact, /320,125/);
});
