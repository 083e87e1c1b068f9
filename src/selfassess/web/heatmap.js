/* selfassess heat map: one principle's questions x organisations, as plain data for a table.
   Pure: no DOM. Item scores come from SelfassessScoring (scoring.js, loaded first), so the
   rules stay in one place; this file only averages them for display. A cell is the mean item
   score of the organisation's respondents who answered that question; the partnership column
   weighs every organisation the same, as the partnership's scores do. Each cell carries its
   level and a tone (0-4, low to high) for the page to colour; the number is always printed, so
   the map reads in greyscale too. */
(function (root) {
  "use strict";

  var S = root.SelfassessScoring;
  var TONES = 5;

  function has(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  /** Where a level sits on the five-tone ramp, spreading any number of levels across it. */
  function toneOf(levelIndex, levelCount) {
    return levelCount <= 1 ? Math.floor(TONES / 2) : Math.round((levelIndex * (TONES - 1)) / (levelCount - 1));
  }

  function levelIndexOf(levels, score) {
    var found = null;
    levels.forEach(function (level, i) { if (level.min <= score) found = i; });
    return found;
  }

  /** One cell: the unrounded value, what a person reads, its level and tone (null when empty). */
  function cell(levels, value) {
    if (value === null || value === undefined) return { value: null, shown: "–", level: null, tone: null };
    var index = levelIndexOf(levels, value);
    return {
      value: value,
      shown: String(S.roundHalfUp(value)),
      level: index === null ? null : levels[index].id,
      tone: index === null ? null : toneOf(index, levels.length)
    };
  }

  function mean(values) {
    var present = values.filter(function (v) { return v !== null; });
    if (!present.length) return null;
    return present.reduce(function (a, b) { return a + b; }, 0) / present.length;
  }

  /** The levels with their tones, for a key beside the map. */
  function legend(levels) {
    return levels.map(function (level, i) {
      return { id: level.id, label: level.label, min: level.min, tone: toneOf(i, levels.length) };
    });
  }

  /**
   * `result` is scoreAll(bank, responses); `responses` the same [{source, response}] list.
   * Returns {principle, organisations: [{name, n}], rows: [{question, reverse, cells}],
   * total: {cells}}; every `cells` has one entry per organisation, then the partnership's.
   */
  function heatMap(bank, result, responses, principleId) {
    var principle = bank.principles.filter(function (p) { return p.id === principleId; })[0];
    if (!principle) throw new Error("no principle " + principleId);
    var names = Object.keys(result.organisations);
    // Keyed by organisation name and question id, which may be `__proto__` or `toString`: Maps.
    var sums = new Map();
    names.forEach(function (name) { sums.set(name, new Map()); });
    responses.forEach(function (r) {
      var answers = r.response.answers || {};
      var name = S.organisationOf((r.response.respondent || {}).organisation);
      if (!sums.has(name)) return;
      var own = sums.get(name);
      principle.questions.forEach(function (q) {
        var value = has(answers, q.id) ? answers[q.id] : null;
        if (value === null || value === undefined) return;
        if (!own.has(q.id)) own.set(q.id, [0, 0]);
        var sum = own.get(q.id);
        sum[0] += S.itemScore(value, S.scaleOf(bank, q), q.reverse);
        sum[1] += 1;
      });
    });
    var rows = principle.questions.map(function (q) {
      var values = names.map(function (name) {
        var sum = sums.get(name).get(q.id);
        return sum ? sum[0] / sum[1] : null;
      });
      return { question: q.id, reverse: !!q.reverse, cells: values.concat([mean(values)]).map(function (v) {
        return cell(bank.levels, v);
      }) };
    });
    var totals = names.map(function (name) { return result.organisations[name].principles[principle.id]; });
    totals.push(result.partnership.principles[principle.id].score);
    return {
      principle: principle.id,
      organisations: names.map(function (name) { return { name: name, n: result.organisations[name].n }; }),
      rows: rows,
      total: { cells: totals.map(function (v) { return cell(bank.levels, v); }) }
    };
  }

  root.SelfassessHeatmap = { TONES: TONES, toneOf: toneOf, cell: cell, legend: legend, heatMap: heatMap };
})(globalThis);
