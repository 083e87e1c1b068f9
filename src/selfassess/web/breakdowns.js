/* selfassess breakdowns: what the partnership page shows of groups of respondents, of the
   options picked in choice questions and of open answers, as plain data. Pure: no DOM, no clock.
   The figures come from scoreAll's result (partnership-scoring.js) and the rule of who is asked
   from SelfassessScoring.questionsAsked (scoring.js); this file decides only what may be shown:
   hiddenGroups is the twin of core/privacy.py's hidden_groups (pinned by
   tests/vectors/privacy/hidden-groups.json), and open answers follow the scorecard's rule for
   comments (scorecard/comments.py: none from an organisation of fewer than k respondents).
   `groups` is the page's #selfassess-groups data (pages/partnership.py partnership_groups_data).
   Ids and names may be `__proto__` or `constructor`: lookups go through own properties and Maps. */
(function (root) {
  "use strict";
  const S = root.SelfassessScoring;
  const has = (object, key) => object !== null && object !== undefined && Object.prototype.hasOwnProperty.call(object, key);
  const own = (object, key) => (has(object, key) ? object[key] : undefined);
  const isScale = (q) => (q.type || "scale") === "scale";

  /** Indices of the groups to hide, ascending: fewer than k respondents (an empty group too);
      and when exactly one non-empty group is hidden, the shown group with the fewest respondents
      (ties: the first), so the hidden one cannot be worked out from the others and the total. */
  function hiddenGroups(counts, k) {
    const hidden = new Set();
    counts.forEach((n, i) => { if (n < k) hidden.add(i); });
    if (Array.from(hidden).filter((i) => counts[i] > 0).length === 1) {
      let smallest = -1;
      counts.forEach((n, i) => { if (!hidden.has(i) && (smallest < 0 || n < counts[smallest])) smallest = i; });
      if (smallest >= 0) hidden.add(smallest);
    }
    return Array.from(hidden).sort((a, b) => a - b);
  }

  /** The ids of the principles with at least one scale question asked of this respondent. */
  function applicablePrinciples(bank, response) {
    const asked = S.questionsAsked(bank, response);
    return new Set(bank.principles.filter((p) => p.questions.some((q) => isScale(q) && asked.has(q.id))).map((p) => p.id));
  }

  /** Principle ids asked of nobody in `sets` (one Set of applicable ids per respondent). */
  function askedOfNobody(bank, sets) {
    return new Set(bank.principles.map((p) => p.id).filter((pid) => !sets.some((set) => set.has(pid))));
  }

  /**
   * Who was asked what: `partnership` and, per organisation name (a Map), the Set of principle
   * ids not asked of anyone in it; `respondents` the applicable Set of each scored respondent.
   * `responses` are the [{source, response}] scoreAll scored, in the same order.
   */
  function notAsked(bank, result, responses) {
    const respondents = responses.map((r) => applicablePrinciples(bank, r.response));
    const byOrganisation = new Map();
    result.respondents.forEach((r, i) => {
      if (!byOrganisation.has(r.organisation)) byOrganisation.set(r.organisation, []);
      byOrganisation.get(r.organisation).push(respondents[i]);
    });
    const organisations = new Map();
    byOrganisation.forEach((sets, name) => organisations.set(name, askedOfNobody(bank, sets)));
    return { respondents, organisations, partnership: askedOfNobody(bank, respondents) };
  }

  /** One figure as a cell: the unrounded score, or why there is none (`notAsked`, else no score). */
  function figure(score, notAskedHere) {
    if (score !== null && score !== undefined) return { score, notAsked: false };
    return { score: null, notAsked: notAskedHere };
  }

  /**
   * A table per breakdown question: {id, k, rows: [{id, label, hidden, n, overall, level,
   * principles: [{score, notAsked}]}]} with a row per option in bank order. A hidden row
   * carries only its id and label (and hidden: true): no count, no figure.
   */
  function breakdownTables(bank, groups, result, asked) {
    const k = groups.min_group_size;
    return groups.breakdowns.map((question) => {
      const figures = own(result.partnership.breakdowns, question.id) || {};
      const group = (option) => own(figures, option.id) || { n_respondents: 0, principles: {} };
      const hidden = new Set(hiddenGroups(question.options.map((o) => group(o).n_respondents), k));
      const rows = question.options.map((option, i) => {
        if (hidden.has(i)) return { id: option.id, label: option.label, hidden: true };
        const g = group(option);
        const members = [];
        result.respondents.forEach((r, j) => { if (own(r.background, question.id) === option.id) members.push(asked.respondents[j]); });
        const nobody = askedOfNobody(bank, members);
        return { id: option.id, label: option.label, hidden: false, n: g.n_respondents, overall: g.overall, level: g.level,
          principles: bank.principles.map((p) => figure(own(g.principles, p.id), nobody.has(p.id))) };
      });
      return { id: question.id, k, rows };
    });
  }

  /** Per choice or multi question inside a principle: {id, k, rows: [{id, label, hidden, count}]},
      counts below k hidden by the breakdowns' rule. */
  function choiceTables(groups, result) {
    const k = groups.min_group_size;
    return groups.choices.map((question) => {
      const counts = own(result.partnership.choices, question.id) || {};
      const numbers = question.options.map((o) => own(counts, o.id) || 0);
      const hidden = new Set(hiddenGroups(numbers, k));
      return { id: question.id, k, rows: question.options.map((o, i) =>
        (hidden.has(i) ? { id: o.id, label: o.label, hidden: true } : { id: o.id, label: o.label, hidden: false, count: numbers[i] })) };
    });
  }

  /** A non-blank text, as given, or null. */
  const textOf = (value) => (typeof value === "string" && value.trim() ? value : null);

  /**
   * Comments and text answers by principle: [{principle, about: [{key, items: [{text,
   * organisation}]}], withheld}]. `key` is the principle's id for its comments (on the principle
   * or any of its questions, in question order), a text question's id for its answers; items by
   * organisation. None from an organisation of fewer than k respondents: those are counted in
   * `withheld`. Principles with nothing to show are left out.
   */
  function openAnswers(bank, groups, result, responses) {
    const k = groups.min_group_size;
    const byName = (a, b) => (a.organisation < b.organisation ? -1 : a.organisation > b.organisation ? 1 : 0);
    return bank.principles.map((p) => {
      const keys = [p.id].concat(p.questions.map((q) => q.id));
      const texts = groups.texts.filter((id) => keys.includes(id));
      const comments = new Map(keys.map((key) => [key, []])), answers = new Map(texts.map((key) => [key, []]));
      let withheld = 0;
      const add = (list, text, organisation, small) => {
        if (text === null) return;
        if (small) withheld += 1; else list.push({ text, organisation });
      };
      responses.forEach((r, i) => {
        const organisation = result.respondents[i].organisation;
        const small = (own(result.organisations, organisation) || { n: 0 }).n < k;
        for (const key of keys) add(comments.get(key), textOf(own(r.response.comments, key)), organisation, small);
        for (const key of texts) add(answers.get(key), textOf(own(r.response.answers, key)), organisation, small);
      });
      const about = [{ key: p.id, items: keys.flatMap((key) => comments.get(key).sort(byName)) }]
        .concat(texts.map((key) => ({ key, items: answers.get(key).sort(byName) })))
        .filter((entry) => entry.items.length);
      return { principle: p.id, about, withheld };
    }).filter((entry) => entry.about.length || entry.withheld);
  }

  root.SelfassessBreakdowns = { hiddenGroups, applicablePrinciples, notAsked, breakdownTables, choiceTables, openAnswers };
})(globalThis);
