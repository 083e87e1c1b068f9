// Unit tests for src/selfassess/web/charts.js: the radar chart is a pure SVG string.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { loadScripts } = require("./support.js");

const C = loadScripts(["charts.js"]).SelfassessCharts;

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
