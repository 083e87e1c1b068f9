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

test("several lines differ in dash pattern and marker shape, not only colour", () => {
  const series = [0, 1, 2].map((i) => ({ values: [50, 60, 70, 80, 90], colour: C.PALETTE[i] }));
  const svg = C.radar({ axes: AXES, series });
  const groups = svg.split('<g class="radar-series').slice(1);
  assert.equal(groups.length, 3);
  assert.ok(!groups[0].includes("stroke-dasharray") && groups[1].includes("stroke-dasharray"));
  assert.ok(groups[0].includes("<circle") && groups[1].includes("<polygon") && !groups[1].includes("<circle"));
  assert.ok(groups[2].includes(C.PALETTE[2]));
  assert.ok(!/fill-opacity="0.12"/.test(svg), "overlapping fills would hide each other");
  assert.match(C.legendSwatch(1, C.PALETTE[1]), /stroke-dasharray/);
});
