/* selfassess partnership scoring: organisations and the partnership from scored respondents,
   breakdown groups, choice and answer counts, the rules of docs/scoring.md mirroring
   core/scoring.py (counts: core/tallies.py; consensus: core/consensus.py). It adds
   scoreOrganisations, scorePartnership, scoreBreakdowns, countChoices, countAnswers,
   scoreConsensus and scoreAll to SelfassessScoring (scoring.js, loaded first), and lives apart
   from it so that the form page, which scores one respondent, does not carry it. Figures are
   computed on 0-100 from each entry's hidden `raw` and written in the displayed unit
   (display.js). Pure: no DOM, no clock. */
(function (root) {
  "use strict";
  const S = root.SelfassessScoring;
  const D = root.SelfassessDisplay;
  const { dict, present, has, countsIn, isScored, scaleOf, settingsOf, overallOf, groupsOf, overallLevel } = S;

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

  /** Median and IQR of respondents' scores (0-100); `split` when a third or more sit far from
      it: further than `threshold`, compared in the displayed unit `display` (0-100 if none). */
  function scoreConsensus(values, threshold, display) {
    if (!values.length) return { n: 0, median: null, iqr: null, split: false };
    const d = display || D.PERCENT;
    const ordered = values.slice().sort((a, b) => a - b);
    const middle = median(ordered);
    const far = ordered.filter((v) => D.exceeds(D.difference(d, Math.abs(v - middle)), threshold)).length;
    return { n: ordered.length, median: middle, iqr: quantile(ordered, 0.75) - quantile(ordered, 0.25),
      split: far * 3 >= ordered.length && far > 0 };
  }

  /** An object whose keys list in the order given, as Python's dict keeps them, even keys that
      look like array indices ("-1" before "0", "5" before "1"), which a plain object lists
      first and in numeric order: the keys of an unscored principle's answer counts. */
  function ordered(entries) {
    const target = dict(), keys = [];
    for (const [key, value] of entries) {
      if (!has(target, key)) keys.push(key);
      target[key] = value;
    }
    return new Proxy(target, { ownKeys: () => keys.slice() });
  }

  /** Organisations, breakdown groups and the partnership: a principle is not applicable to a
      group when it was applicable to none of its members (raw figures, each with a Set). */
  function notApplicableTo(bank, members) {
    return new Set(bank.principles.map((p) => p.id).filter((id) => members.every((m) => m.notApplicable.has(id))));
  }

  /** Each principle's plain mean over the members (raw) that have a score for it. */
  function principleMeans(bank, members) {
    const principles = dict();
    for (const p of bank.principles) principles[p.id] = mean(members.map((m) => m.principles[p.id]).filter(present));
    return principles;
  }

  /** Each scale question's plain mean item score over the members (raw) that have one. */
  function itemMeans(bank, members) {
    const items = dict();
    for (const q of bank.principles.flatMap((p) => p.questions)) {
      const answered = members.filter((m) => has(m.items, q.id)).map((m) => m.items[q.id]);
      if (answered.length) items[q.id] = mean(answered);
    }
    return items;
  }

  /** An organisation, breakdown group or the partnership on 0-100: overall and groups from
      `principles`, leaving out the principles applicable to none of `members` (raw: an
      organisation's respondents; a group's or the partnership's organisations). */
  function figures(bank, principles, members, items) {
    const notApplicable = notApplicableTo(bank, members);
    return { principles, notApplicable, items, overall: overallOf(bank, principles, notApplicable),
      groups: groupsOf(bank, principles, notApplicable) };
  }

  /** Each organisation: the plain mean of its own respondents, keyed in name order. */
  function scoreOrganisations(bank, respondents) {
    const groups = new Map();
    for (const r of respondents) {
      if (!groups.has(r.organisation)) groups.set(r.organisation, []);
      groups.get(r.organisation).push(r.raw);
    }
    const d = D.displayOf(bank), organisations = dict();
    for (const name of Array.from(groups.keys()).sort(compareText)) {
      const members = groups.get(name);
      const raw = figures(bank, principleMeans(bank, members), members, itemMeans(bank, members));
      organisations[name] = S.withRaw({ n: members.length, principles: S.shownScores(bank, raw.principles),
        groups: S.shownGroups(bank, raw.groups), overall: D.score(d, raw.overall),
        level: overallLevel(bank, raw.overall) }, raw);
    }
    return organisations;
  }

  /** A scored principle across the partnership: its score (0-100) aggregated as the bank says,
      and its JSON entry: the organisations' spread, the weakest of them, the consensus. */
  function principleResult(bank, principle, organisations, names, respondents) {
    const d = D.displayOf(bank), settings = settingsOf(bank);
    const scored = names.map((name) => [name, organisations[name].raw.principles[principle.id]])
      .filter((pair) => pair[1] !== null);
    const values = scored.map((pair) => pair[1]);
    const low = values.length ? Math.min(...values) : null;
    const high = values.length ? Math.max(...values) : null;
    const spread = high !== null && low !== null ? high - low : null;
    let weakest = null; // `scored` is in name order, so ties go to the first name
    for (const pair of scored) if (weakest === null || pair[1] < weakest[1]) weakest = pair;
    const individual = respondents.map((r) => r.raw.principles[principle.id]).filter(present);
    const score = settings.aggregate === "respondents" ? mean(individual) : mean(values);
    const consensus = scoreConsensus(individual, bank.consensus, d);
    return { score, entry: {
      score: D.score(d, score), level: S.principleLevel(bank, principle, score), min: D.score(d, low),
      max: D.score(d, high), spread: D.difference(d, spread),
      divergent: scored.length >= 2 && spread !== null && D.reaches(D.difference(d, spread), bank.divergence_threshold),
      weakest_organisation: weakest && settings.weakest_link ? weakest[0] : null,
      consensus: { median: D.score(d, consensus.median), iqr: D.difference(d, consensus.iqr), split: consensus.split }
    } };
  }

  /** For each scale question of an unscored principle, how many of the respondents asked it gave
      each value (every value of its scale, in scale order, keyed as String(value)) and, under
      "null", how many chose the unscored option or left it blank (core/tallies.py). */
  function countAnswers(bank, principle, respondents) {
    const counts = dict();
    for (const q of principle.questions.filter(isScored)) {
      const asked = respondents.filter((r) => has(r.raw.rated, q.id)).map((r) => r.raw.rated[q.id]);
      const count = (v) => asked.filter((a) => a === v).length;
      const values = scaleOf(bank, q).filter((o) => o.value !== null).map((o) => o.value);
      counts[q.id] = ordered(values.map((v) => [String(v), count(v)]).concat([["null", count(null)]]));
    }
    return counts;
  }

  /** Every organisation weighs the same, however many people answered for it (or, with
      `aggregate: respondents`, every respondent). */
  function scorePartnership(bank, organisations, respondents) {
    const d = D.displayOf(bank), names = Object.keys(organisations).sort(compareText);
    const results = dict(), scores = dict();
    for (const p of bank.principles) {
      const result = countsIn(p) ? principleResult(bank, p, organisations, names, respondents)
        : { score: null, entry: { scored: false, answers: countAnswers(bank, p, respondents) } };
      scores[p.id] = result.score;
      results[p.id] = result.entry;
    }
    const orgs = names.map((name) => organisations[name].raw);
    const byRespondent = settingsOf(bank).aggregate === "respondents";
    const raw = figures(bank, scores, orgs, itemMeans(bank, byRespondent ? respondents.map((r) => r.raw) : orgs));
    return S.withRaw({ n_respondents: respondents.length, n_organisations: names.length,
      overall: D.score(d, raw.overall), level: overallLevel(bank, raw.overall),
      weakest_principle: S.weakestPrinciple(bank, scores), principles: results,
      groups: S.shownGroups(bank, raw.groups) }, raw);
  }

  /** Per breakdown question and option: the partnership's figures over the respondents who
      chose it (their organisations' means, or with `aggregate: respondents` their own). */
  function scoreBreakdowns(bank, respondents) {
    const d = D.displayOf(bank), byRespondent = settingsOf(bank).aggregate === "respondents";
    const breakdowns = dict();
    for (const q of (bank.background || []).filter((b) => b.breakdown)) {
      breakdowns[q.id] = dict();
      for (const option of q.options) {
        const members = respondents.filter((r) => r.background[q.id] === option.id);
        const organisations = scoreOrganisations(bank, members), names = Object.keys(organisations);
        const orgs = names.map((name) => organisations[name].raw);
        const raw = figures(bank, principleMeans(bank, byRespondent ? members.map((r) => r.raw) : orgs), orgs, null);
        breakdowns[q.id][option.id] = { n_respondents: members.length, n_organisations: names.length,
          overall: D.score(d, raw.overall), level: overallLevel(bank, raw.overall),
          principles: S.shownScores(bank, raw.principles) };
      }
    }
    return breakdowns;
  }

  /** Per choice/multi question inside the principles: how many respondents picked each option. */
  function countChoices(bank, responses) {
    const counted = bank.principles.flatMap((p) => p.questions).filter((q) => q.type === "choice" || q.type === "multi");
    const choices = dict();
    for (const q of counted) {
      choices[q.id] = dict();
      for (const option of q.options) choices[q.id][option.id] = 0;
    }
    for (const r of responses) {
      const asked = S.questionsAsked(bank, r.response);
      for (const q of counted) {
        const picked = new Set([].concat(asked.get(q.id) ?? []));
        for (const id of picked) if (has(choices[q.id], id)) choices[q.id][id] += 1;
      }
    }
    return choices;
  }

  /** `questionnaire.scoring`: the bank's four settings as applied, the display's range too. */
  function scoringOf(bank) {
    const settings = settingsOf(bank), d = D.displayOf(bank);
    return { aggregate: settings.aggregate, display: settings.display, min: d.lo, max: d.hi,
      overall: settings.overall, weakest_link: settings.weakest_link };
  }

  /** `score --format json` for a list of {source, response} (responses already validated). */
  function scoreAll(bank, responses) {
    const respondents = responses.map((r) => S.scoreRespondent(bank, r.response, r.source));
    const organisations = scoreOrganisations(bank, respondents);
    const partnership = scorePartnership(bank, organisations, respondents);
    partnership.breakdowns = scoreBreakdowns(bank, respondents);
    partnership.choices = countChoices(bank, responses);
    return { questionnaire: { id: bank.id, version: bank.version, scoring: scoringOf(bank) },
      respondents, organisations, partnership };
  }

  Object.assign(S, { scoreOrganisations, scorePartnership, scoreBreakdowns, countChoices, countAnswers,
    scoreConsensus, scoreAll });
})(globalThis);
