/* selfassess heat map: one principle's organisations x questions, as plain data for a table.
   Pure: no DOM. Item scores and levels come from SelfassessScoring (scoring.js, loaded first),
   so the rules stay in one place; this file only averages them for display. The orientation
   is the scorecard's (scorecard/heat_map.py): a row per organisation, then the
   partnership; a column per question, then the principle's score. A cell is the mean item
   score of the organisation's respondents who answered that question; the partnership row
   weighs every organisation the same, as the partnership's scores do. Each cell carries its
   level and that level's index (its tone: the page's CSS colours tone-<index> from the
   palette, as the PDF does); the number is always printed, so the map reads in greyscale too. */
(function (root) {
  "use strict";
  const S = root.SelfassessScoring;
  // Only scale questions are scored: choice, multi and text questions have no column.
  const scaleQuestions = (principle) => principle.questions.filter((q) => (q.type || "scale") === "scale");

  /** One cell: the unrounded value, what a person reads, its level and tone (null when empty). */
  function cell(levels, value) {
    if (value === null || value === undefined) return { value: null, shown: "–", level: null, tone: null };
    const level = S.levelOf(levels, value), tone = levels.findIndex((l) => l.id === level);
    return { value, shown: String(S.roundHalfUp(value)), level, tone: tone < 0 ? null : tone };
  }

  function mean(values) {
    const present = values.filter((v) => v !== null);
    return present.length ? present.reduce((a, b) => a + b, 0) / present.length : null;
  }

  /** The levels with their tones, for a key beside the map. */
  const legend = (levels) => levels.map((level, i) => ({ id: level.id, label: level.label, min: level.min, tone: i }));

  /** Organisation name -> question id -> [sum of item scores, count], for one principle. */
  function sumsOf(bank, names, responses, principle) {
    // Keyed by organisation name and question id, which may be `__proto__` or `toString`: Maps.
    const sums = new Map(names.map((name) => [name, new Map()]));
    for (const r of responses) {
      const answers = r.response.answers || {};
      const own = sums.get(S.organisationOf((r.response.respondent || {}).organisation));
      if (!own) continue;
      for (const q of scaleQuestions(principle)) {
        const value = Object.prototype.hasOwnProperty.call(answers, q.id) ? answers[q.id] : null;
        if (value === null || value === undefined) continue;
        if (!own.has(q.id)) own.set(q.id, [0, 0]);
        const sum = own.get(q.id);
        sum[0] += S.itemScore(value, S.scaleOf(bank, q), q.reverse);
        sum[1] += 1;
      }
    }
    return sums;
  }

  /**
   * `result` is scoreAll(bank, responses); `responses` the same [{source, response}] list.
   * Returns {principle, questions: [{id, reverse}], rows: [{name, n, partnership, cells}]}:
   * a row per organisation then the partnership's (partnership: true, n: null); every row's
   * `cells` has one entry per question, then the principle's score.
   */
  function heatMap(bank, result, responses, principleId) {
    const principle = bank.principles.find((p) => p.id === principleId);
    if (!principle) throw new Error("no principle " + principleId);
    const names = Object.keys(result.organisations), sums = sumsOf(bank, names, responses, principle);
    const questions = scaleQuestions(principle);
    const values = names.map((name) => questions.map((q) => {
      const sum = sums.get(name).get(q.id);
      return sum ? sum[0] / sum[1] : null;
    }));
    const row = (name, n, partnership, own, score) =>
      ({ name, n, partnership, cells: own.concat([score]).map((v) => cell(bank.levels, v)) });
    const rows = names.map((name, k) =>
      row(name, result.organisations[name].n, false, values[k], result.organisations[name].principles[principle.id]));
    const across = questions.map((_, j) => mean(values.map((own) => own[j])));
    rows.push(row("Partnership", null, true, across, result.partnership.principles[principle.id].score));
    return { principle: principle.id, questions: questions.map((q) => ({ id: q.id, reverse: !!q.reverse })), rows };
  }

  root.SelfassessHeatmap = { cell, legend, heatMap };
})(globalThis);
