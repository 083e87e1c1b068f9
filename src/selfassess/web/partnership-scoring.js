/* selfassess partnership scoring: organisations and the partnership from scored respondents,
   breakdown groups and choice counts, the rules of docs/scoring.md mirroring core/scoring.py.
   It adds scoreOrganisations, scorePartnership, scoreBreakdowns, countChoices, scoreConsensus
   and scoreAll to SelfassessScoring (scoring.js, loaded first), and lives apart from it so that
   the form page, which scores one respondent, does not carry it. Pure: no DOM, no clock. */
(function (root) {
  "use strict";
  const S = root.SelfassessScoring;
  const { dict, present, has, levelOf, overallOf, questionsAsked, scoreRespondent, weakestPrinciple, withNotApplicable } = S;

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

  /** Organisations, breakdown groups and the partnership: a principle is not applicable to a
      group when it was applicable to none of its members (a Set of ids rides along, hidden). */
  function notApplicableTo(bank, members) {
    return new Set(bank.principles.map((p) => p.id).filter((id) => members.every((m) => m.notApplicable.has(id))));
  }

  /** Each principle's plain mean over members' scores (null when not applicable or none scored). */
  function groupFigures(bank, members) {
    const notApplicable = notApplicableTo(bank, members), principles = dict();
    for (const p of bank.principles) {
      principles[p.id] = notApplicable.has(p.id) ? null : mean(members.map((m) => m.principles[p.id]).filter(present));
    }
    const overall = overallOf(bank, principles, notApplicable);
    return { principles, overall, level: levelOf(bank.levels, overall), notApplicable };
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
      const members = groups.get(name), figures = groupFigures(bank, members);
      organisations[name] = withNotApplicable({ n: members.length, principles: figures.principles,
        overall: figures.overall, level: figures.level }, figures.notApplicable);
    }
    return organisations;
  }

  /** A principle's partnership figures over the organisations that scored it. */
  function principleResult(bank, principle, organisations, names, respondents, score) {
    const scored = names.map((name) => [name, organisations[name].principles[principle.id]])
      .filter((pair) => pair[1] !== null);
    const values = scored.map((pair) => pair[1]);
    const low = values.length ? Math.min(...values) : null;
    const high = values.length ? Math.max(...values) : null;
    const spread = high !== null && low !== null ? high - low : null;
    let weakest = null; // `scored` is in name order, so ties go to the first name
    for (const pair of scored) if (weakest === null || pair[1] < weakest[1]) weakest = pair;
    const individual = respondents.map((r) => r.principles[principle.id]).filter(present);
    const consensus = scoreConsensus(individual, bank.consensus);
    return {
      score, level: levelOf(bank.levels, score), min: low, max: high, spread,
      divergent: scored.length >= 2 && spread !== null && spread >= bank.divergence_threshold,
      weakest_organisation: weakest ? weakest[0] : null,
      consensus: { median: consensus.median, iqr: consensus.iqr, split: consensus.split }
    };
  }

  /** Every organisation weighs the same, however many people answered for it. */
  function scorePartnership(bank, organisations, respondents) {
    const names = Object.keys(organisations).sort(compareText);
    const figures = groupFigures(bank, names.map((name) => organisations[name])), results = dict();
    for (const principle of bank.principles) {
      results[principle.id] = principleResult(bank, principle, organisations, names, respondents,
        figures.principles[principle.id]);
    }
    return { n_respondents: respondents.length, n_organisations: names.length, overall: figures.overall,
      level: figures.level, weakest_principle: weakestPrinciple(bank, figures.principles), principles: results };
  }

  /** Per breakdown question and option: the partnership's figures over the respondents who chose it. */
  function scoreBreakdowns(bank, respondents) {
    const breakdowns = dict();
    for (const q of (bank.background || []).filter((b) => b.breakdown)) {
      breakdowns[q.id] = dict();
      for (const option of q.options) {
        const members = respondents.filter((r) => r.background[q.id] === option.id);
        const organisations = scoreOrganisations(bank, members), names = Object.keys(organisations);
        const figures = groupFigures(bank, names.map((name) => organisations[name]));
        breakdowns[q.id][option.id] = { n_respondents: members.length, n_organisations: names.length,
          overall: figures.overall, level: figures.level, principles: figures.principles };
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
      const asked = questionsAsked(bank, r.response);
      for (const q of counted) {
        const picked = new Set([].concat(asked.get(q.id) ?? []));
        for (const id of picked) if (has(choices[q.id], id)) choices[q.id][id] += 1;
      }
    }
    return choices;
  }

  /** `score --format json` for a list of {source, response} (responses already validated). */
  function scoreAll(bank, responses) {
    const respondents = responses.map((r) => scoreRespondent(bank, r.response, r.source));
    const organisations = scoreOrganisations(bank, respondents);
    const partnership = scorePartnership(bank, organisations, respondents);
    partnership.breakdowns = scoreBreakdowns(bank, respondents);
    partnership.choices = countChoices(bank, responses);
    return { questionnaire: { id: bank.id, version: bank.version }, respondents, organisations, partnership };
  }

  Object.assign(S, { scoreOrganisations, scorePartnership, scoreBreakdowns, countChoices, scoreConsensus, scoreAll });
})(globalThis);
