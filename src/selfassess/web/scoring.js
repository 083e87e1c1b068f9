/* selfassess scoring: the rules of docs/scoring.md, mirroring src/selfassess/core/scoring.py
   (which questions are asked: core/asking.py). Pure: no DOM, no clock, no storage. The same
   file runs in the form page, the partnership page and `node --test`. `bank` is
   page_shell.page_bank_data() (a question without `type` is a scale question); results have
   the shape of `selfassess score --format json` (report/score_formats.py), every figure in the
   displayed unit (display.js, loaded first), while the arithmetic runs on 0-100 step by step as
   the Python's so both agree on every case in tests/vectors/. This file scores one respondent;
   answer-file.js reads answer files (format /1 and /2) and partnership-scoring.js adds
   organisations, the partnership, breakdowns and counts (scoreAll) for the partnership page,
   so the form page does not carry them. */
(function (root) {
  "use strict";
  const D = root.SelfassessDisplay;
  const FORMAT = "selfassess-response/2";  // what the form writes; every reader takes FORMATS
  const FORMATS = ["selfassess-response/1", FORMAT];
  const UNSPECIFIED = "Unspecified";
  // The bank's `scoring` as applied: page data leaves it out at these defaults.
  const DEFAULTS = { aggregate: "organisations", display: "percent", overall: true, weakest_link: true };
  // Python's str.strip() whitespace, which differs a little from JavaScript's trim().
  const SPACE = "[\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+";
  const STRIP = new RegExp("^" + SPACE + "|" + SPACE + "$", "g");
  const strip = (text) => (typeof text === "string" ? text.replace(STRIP, "") : "");
  const has = (object, key) => Object.prototype.hasOwnProperty.call(object, key);
  // Objects keyed by user text (organisations, ids, comment keys) have no prototype, so a name
  // like `__proto__`, `constructor` or `toString` is only ever data (tests/vectors/22-hostile-names).
  const dict = () => Object.create(null);
  /** A prototype-free copy of an object's own entries. */
  const dictOf = (object) => {
    const out = dict();
    if (object) for (const key of Object.keys(object)) out[key] = object[key];
    return out;
  };
  const present = (v) => v !== null && v !== undefined;
  const numbersOf = (scale) => scale.filter((o) => o.value !== null).map((o) => o.value);
  const questionsOf = (bank) => bank.principles.flatMap((p) => p.questions);
  // bank_scoring_data leaves `type` out for a scale question, the default, to keep pages small.
  const typeOf = (q) => q.type || "scale";
  const isScored = (q) => typeOf(q) === "scale";
  // A page may leave out a question's scale when it is the bank's own (`bank.scale`), and name
  // one of its own by its place in `bank.scales` (page_shell.page_bank_data).
  const scaleOf = (bank, q) => (typeof q.scale === "number" ? bank.scales[q.scale] : q.scale || bank.scale);
  const settingsOf = (bank) => Object.assign({}, DEFAULTS, bank.scoring);
  // `scored: false` principles are reported (answer counts), never part of maturity.
  const countsIn = (p) => p.scored !== false;

  /** A scale value on 0-100: its position between the scale's lowest and highest number. */
  function itemScore(value, scale, reverse) {
    const numbers = numbersOf(scale);
    const lo = Math.min(...numbers), hi = Math.max(...numbers);
    const position = (value - lo) / (hi - lo) * 100;
    return reverse ? 100 - position : position;
  }

  /** Mean of [score, weight] pairs; null when there are none. */
  function weightedMean(pairs) {
    let total = 0, weight = 0;
    for (const [score, w] of pairs) { total += score * w; weight += w; }
    return weight ? total / weight : null;
  }

  /** The id of the level with the highest `min` the unrounded value, in the displayed unit,
      reaches (to display.js's tolerance). */
  const levelOf = (levels, value) => D.levelOf(levels, value);
  /** The level of an overall or group score (0-100), against the bank's levels. */
  const overallLevel = (bank, score) => levelOf(bank.levels, D.score(D.displayOf(bank), score));
  /** The level of a principle's score (0-100), against its own levels if it has them. */
  const principleLevel = (bank, p, score) => levelOf(p.levels || bank.levels, D.score(D.displayOf(bank), score));

  /** Whole number for people to read: 62.5 -> 63 (not banker's rounding). */
  const roundHalfUp = (score) => (score >= 0 ? Math.floor(score + 0.5) : -Math.floor(-score + 0.5));
  const organisationOf = (name) => strip(name) || UNSPECIFIED;

  /** Weighted over the scored principles among `members` that are applicable (not in
      `notApplicable`, a Set); null when one of them has no score, or none is applicable. */
  function weightedOver(members, principles, notApplicable) {
    const counted = members.filter((p) => countsIn(p) && !(notApplicable && notApplicable.has(p.id)));
    if (!counted.length || counted.some((p) => !present(principles[p.id]))) return null;
    return weightedMean(counted.map((p) => [principles[p.id], p.weight]));
  }

  /** The overall score (0-100), or null for a bank scored without one (`overall: false`). */
  const overallOf = (bank, principles, notApplicable) =>
    (settingsOf(bank).overall ? weightedOver(bank.principles, principles, notApplicable) : null);

  /** Each group of principles: {score (0-100), level}, in bank order. */
  function groupsOf(bank, principles, notApplicable) {
    const groups = dict();
    for (const g of bank.groups || []) {
      const score = weightedOver(bank.principles.filter((p) => p.group === g.id), principles, notApplicable);
      groups[g.id] = { score, level: overallLevel(bank, score) };
    }
    return groups;
  }

  /** Principle scores (0-100) in the displayed unit, for the JSON. */
  function shownScores(bank, scores) {
    const d = D.displayOf(bank), out = dict();
    for (const key of Object.keys(scores)) out[key] = D.score(d, scores[key]);
    return out;
  }

  /** Groups in the displayed unit, for the JSON. */
  function shownGroups(bank, groups) {
    const d = D.displayOf(bank), out = dict();
    for (const key of Object.keys(groups)) out[key] = { score: D.score(d, groups[key].score), level: groups[key].level };
    return out;
  }

  /** Each question asked of this respondent (asking order: background, then principles) ->
      its answer, or null when unanswered; a question not asked is absent (docs/scoring.md). */
  function questionsAsked(bank, response) {
    const asked = new Map();
    const visit = (q, given) => {
      if (q.ask_if && !holds(q.ask_if, asked)) return;
      const value = has(given, q.id) ? given[q.id] : null;
      asked.set(q.id, isAnswered(q, value) ? value : null);
    };
    for (const q of bank.background || []) visit(q, Object(response.background));
    for (const q of questionsOf(bank)) visit(q, Object(response.answers));
    return asked;
  }

  /** Whether an `ask_if` holds: the named question was asked and its answer is listed (a number
      equal to one listed; a multi with one ticked option listed). */
  function holds(condition, asked) {
    const value = asked.has(condition.question) ? asked.get(condition.question) : null;
    if (value === null) return false;
    const listed = (v) => condition.any_of.some((x) => x === v);
    return Array.isArray(value) ? value.some(listed) : listed(value);
  }

  /** Unanswered: null or absent; for multi also an empty list, for text only spaces. */
  function isAnswered(q, value) {
    if (!present(value)) return false;
    if (Array.isArray(value)) return value.length > 0;
    return typeOf(q) !== "text" || strip(value) !== "";
  }

  /** Hidden from JSON.stringify and Object.keys, as Python's `not_applicable` is from the JSON;
      `raw` holds the 0-100 figures the partnership and the heat map are computed from. */
  const withRaw = (result, raw) => Object.defineProperties(result, {
    notApplicable: { value: raw.notApplicable, enumerable: false },
    raw: { value: raw, enumerable: false }
  });

  /** A respondent's figures on 0-100: principle scores, item scores, the values given to the
      questions of unscored principles (`rated`), and the principles not applicable. */
  function rateRespondent(bank, asked) {
    const principles = dict(), items = dict(), rated = dict(), notApplicable = new Set();
    let answered = 0, total = 0;
    for (const p of bank.principles) {
      const questions = p.questions.filter((q) => isScored(q) && asked.has(q.id));
      const given = questions.filter((q) => asked.get(q.id) !== null);
      total += questions.length;
      answered += given.length;
      for (const q of given) items[q.id] = itemScore(asked.get(q.id), scaleOf(bank, q), q.reverse);
      if (!questions.length) notApplicable.add(p.id);
      if (!countsIn(p)) for (const q of questions) rated[q.id] = asked.get(q.id);
      principles[p.id] = !countsIn(p) || !given.length || given.length / questions.length < bank.min_answered ? null
        : weightedMean(given.map((q) => [items[q.id], q.weight]));
    }
    const overall = overallOf(bank, principles, notApplicable);
    return { principles, items, rated, notApplicable, answered, total, overall,
      groups: groupsOf(bank, principles, notApplicable) };
  }

  /** One respondent entry of `score --format json` (unrounded, in the displayed unit);
      `notApplicable` (a Set of principle ids none of whose scale questions were asked) and
      `raw` (rateRespondent's 0-100 figures) ride along, not enumerable. */
  function scoreRespondent(bank, response, source) {
    const asked = questionsAsked(bank, response), raw = rateRespondent(bank, asked);
    const who = response.respondent || {};
    const background = dict();
    for (const q of bank.background || []) if (present(asked.get(q.id))) background[q.id] = asked.get(q.id);
    return withRaw({
      source: source === undefined ? "" : source,
      organisation: organisationOf(who.organisation),
      role: strip(who.role) || null,
      background,
      principles: shownScores(bank, raw.principles),
      groups: shownGroups(bank, raw.groups),
      overall: D.score(D.displayOf(bank), raw.overall),
      level: overallLevel(bank, raw.overall),
      answered: raw.answered,
      total: raw.total
    }, raw);
  }

  /** The scored principles that have a score, lowest first (ties: the one listed first): the
      "Lowest scores" list of a bank without a weakest link. */
  function rankedPrinciples(bank, scores) {
    return bank.principles.filter((p) => countsIn(p) && present(scores[p.id]))
      .map((p, i) => [p.id, scores[p.id], i]).sort((a, b) => a[1] - b[1] || a[2] - b[2]).map((e) => e[0]);
  }

  /** The principle with the lowest score (ties: the one listed first); null when none scored
      or the bank has no weakest link (`weakest_link: false`). */
  const weakestPrinciple = (bank, scores) =>
    (settingsOf(bank).weakest_link ? rankedPrinciples(bank, scores)[0] || null : null);

  root.SelfassessScoring = {
    FORMAT, FORMATS, UNSPECIFIED, dict, dictOf, present, has, strip, numbersOf, questionsOf, scaleOf, typeOf,
    isScored, countsIn, settingsOf, itemScore, weightedMean, levelOf, overallLevel, principleLevel, roundHalfUp,
    organisationOf, overallOf, groupsOf, shownScores, shownGroups, questionsAsked, isAnswered, withRaw,
    scoreRespondent, rankedPrinciples, weakestPrinciple
  };
})(globalThis);
