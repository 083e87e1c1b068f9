/* selfassess heat map: one principle's organisations x questions, as plain data for a table.
   Pure: no DOM. The figures come from scoreAll's result (partnership-scoring.js): each
   organisation's and the partnership's mean item scores ride on its hidden `raw` (the
   partnership's averaged as its principle scores are: over organisations, or with `aggregate:
   respondents` over respondents; core PartnershipScores.items), so the rules stay in one place.
   The orientation is the scorecard's (scorecard/heat_map.py): a row per organisation, then the
   partnership; a column per question, then the principle's score. Every figure is in the
   displayed unit (display.js). Each cell carries its level, read against the principle's own
   levels, and that level's index (its tone: the page's CSS colours tone-<index> from the
   palette, as the PDF does); an unscored principle's cells carry none. The number is always
   printed, so the map reads in greyscale too. */
(function (root) {
  "use strict";
  const S = root.SelfassessScoring;
  const D = root.SelfassessDisplay;
  // Only scale questions are scored: choice, multi and text questions have no column.
  const scaleQuestions = (principle) => principle.questions.filter((q) => (q.type || "scale") === "scale");
  const EMPTY = "\u2013";

  /** One cell: the unrounded value (in the displayed unit `display`, 0-100 if none), what a
      person reads, its level among `levels` and tone (null when empty or `levels` is null). */
  function cell(levels, value, display) {
    const d = display || D.PERCENT;
    if (value === null || value === undefined) return { value: null, shown: EMPTY, level: null, tone: null };
    const shown = d.onScale ? D.oneDecimal(value) : String(S.roundHalfUp(value));
    if (!levels) return { value, shown, level: null, tone: null };
    const level = D.levelOf(levels, value), tone = levels.findIndex((l) => l.id === level);
    return { value, shown, level, tone: tone < 0 ? null : tone };
  }

  /** The levels with their tones, for a key beside the map. */
  const legend = (levels) => levels.map((level, i) => ({ id: level.id, label: level.label, min: level.min, tone: i }));

  /**
   * `result` is scoreAll(bank, responses) (`responses`, the same list, is no longer read: the
   * figures ride on the result). Returns {principle, scored, levels, questions: [{id, reverse}],
   * rows: [{name, n, partnership, cells}]}: a row per organisation then the partnership's
   * (partnership: true, n: null); every row's `cells` has one entry per question, then the
   * principle's score; `levels` are the ones the cells are coloured by ([] when unscored).
   */
  function heatMap(bank, result, responses, principleId) {
    const principle = bank.principles.find((p) => p.id === principleId);
    if (!principle) throw new Error("no principle " + principleId);
    const d = D.displayOf(bank), scored = S.countsIn(principle);
    const levels = scored ? principle.levels || bank.levels : null;
    const questions = scaleQuestions(principle);
    const has = (object, key) => Object.prototype.hasOwnProperty.call(object, key);
    const itemsOf = (entry) => questions.map((q) => (has(entry.raw.items, q.id) ? D.score(d, entry.raw.items[q.id]) : null));
    const row = (name, n, partnership, entry, score) =>
      ({ name, n, partnership, cells: itemsOf(entry).concat([score]).map((v) => cell(levels, v, d)) });
    const rows = Object.keys(result.organisations).map((name) => {
      const org = result.organisations[name];
      return row(name, org.n, false, org, org.principles[principle.id]);
    });
    const total = result.partnership.principles[principle.id];
    rows.push(row("Partnership", null, true, result.partnership, scored ? total.score : null));
    return { principle: principle.id, scored, levels: levels || [],
      questions: questions.map((q) => ({ id: q.id, reverse: !!q.reverse })), rows };
  }

  root.SelfassessHeatmap = { cell, legend, heatMap };
})(globalThis);
