/* selfassess partnership scoring: organisations and the partnership from scored respondents,
   the rules of docs/scoring.md mirroring score.py's score_organisations and score_partnership.
   It adds scoreOrganisations, scorePartnership, scoreConsensus and scoreAll to SelfassessScoring
   (scoring.js, loaded first), and lives apart from it so that the form page, which scores one
   respondent, does not carry it. Pure: no DOM, no clock, no storage. */
(function (root) {
  "use strict";
  const S = root.SelfassessScoring;
  const { dict, present, levelOf, overallOf, scoreRespondent, weakestPrinciple } = S;

  /** Strings in code-point order, as Python's sorted() compares them. */
  function compareText(a, b) {
    const x = Array.from(a, (c) => c.codePointAt(0));
    const y = Array.from(b, (c) => c.codePointAt(0));
    for (let i = 0; i < x.length && i < y.length; i++) if (x[i] !== y[i]) return x[i] - y[i];
    return x.length - y.length;
  }

  function mean(values) {
    let total = 0;
    for (const v of values) total += v;
    return values.length ? total / values.length : null;
  }

  function median(ordered) {
    const n = ordered.length, middle = Math.floor(n / 2);
    if (!n) return null;
    return n % 2 ? ordered[middle] : (ordered[middle - 1] + ordered[middle]) / 2;
  }

  /** Linear interpolation between closest ranks (numpy's default, Excel's QUARTILE.INC). */
  function quantile(ordered, q) {
    const position = (ordered.length - 1) * q;
    const below = Math.floor(position);
    const above = Math.min(below + 1, ordered.length - 1);
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below);
  }

  /** Median and IQR of respondents' scores; `split` when a third or more sit far from it. */
  function scoreConsensus(values, threshold) {
    if (!values.length) return { n: 0, median: null, iqr: null, split: false };
    const ordered = values.slice().sort((a, b) => a - b);
    const middle = median(ordered);
    const far = ordered.filter((v) => Math.abs(v - middle) > threshold).length;
    return { n: ordered.length, median: middle, iqr: quantile(ordered, 0.75) - quantile(ordered, 0.25),
      split: far * 3 >= ordered.length && far > 0 };
  }

  /** Each organisation: the plain mean of its own respondents, keyed in name order. */
  function scoreOrganisations(bank, respondents) {
    const groups = new Map();
    for (const r of respondents) {
      if (!groups.has(r.organisation)) groups.set(r.organisation, []);
      groups.get(r.organisation).push(r);
    }
    const organisations = dict();
    for (const name of Array.from(groups.keys()).sort(compareText)) {
      const members = groups.get(name);
      const principles = dict();
      for (const p of bank.principles) {
        principles[p.id] = mean(members.map((m) => m.principles[p.id]).filter(present));
      }
      const overall = overallOf(bank, principles);
      organisations[name] = { n: members.length, principles, overall, level: levelOf(bank.levels, overall) };
    }
    return organisations;
  }

  /** Every organisation weighs the same, however many people answered for it. */
  function scorePartnership(bank, organisations, respondents) {
    const names = Object.keys(organisations).sort(compareText);
    const results = dict(), scores = dict();
    for (const principle of bank.principles) {
      const scored = names.map((name) => [name, organisations[name].principles[principle.id]])
        .filter((pair) => pair[1] !== null);
      const values = scored.map((pair) => pair[1]);
      const score = mean(values);
      const low = values.length ? Math.min(...values) : null;
      const high = values.length ? Math.max(...values) : null;
      const spread = high !== null && low !== null ? high - low : null;
      let weakest = null; // `scored` is in name order, so ties go to the first name
      for (const pair of scored) if (weakest === null || pair[1] < weakest[1]) weakest = pair;
      const individual = respondents.map((r) => r.principles[principle.id]).filter(present);
      const consensus = scoreConsensus(individual, bank.consensus);
      scores[principle.id] = score;
      results[principle.id] = {
        score, level: levelOf(bank.levels, score), min: low, max: high, spread,
        divergent: scored.length >= 2 && spread !== null && spread >= bank.divergence_threshold,
        weakest_organisation: weakest ? weakest[0] : null,
        consensus: { median: consensus.median, iqr: consensus.iqr, split: consensus.split }
      };
    }
    const overall = overallOf(bank, scores);
    return { n_respondents: respondents.length, n_organisations: names.length, overall,
      level: levelOf(bank.levels, overall), weakest_principle: weakestPrinciple(bank, scores), principles: results };
  }

  /** `score --format json` for a list of {source, response} (responses already validated). */
  function scoreAll(bank, responses) {
    const respondents = responses.map((r) => scoreRespondent(bank, r.response, r.source));
    const organisations = scoreOrganisations(bank, respondents);
    return { questionnaire: { id: bank.id, version: bank.version }, respondents, organisations,
      partnership: scorePartnership(bank, organisations, respondents) };
  }

  Object.assign(S, { scoreOrganisations, scorePartnership, scoreConsensus, scoreAll });
})(globalThis);
