/* selfassess trends: the partnership's figures across rounds, the twin of core/trends.py
   (docs: the contract of issue #18, sections 2-3), pinned by tests/vectors/trends/. A round is
   {label, responses, carried, versions} as responses.js's collect gives them: the validated
   responses, the question ids its files carry (JSON `answers` keys, CSV columns) and the
   versions its JSON files name. An earlier round whose files name another version than the
   bank's is scored with the bank reduced to the questions it carries (bankForRound); the
   current round, always last, with the bank as is. Scoring is scoreAll's (partnership-scoring.js),
   movements are on the figures people read (display.js's rounding, core/rounding.py's twin).
   Pure: no DOM, no clock; objects keyed by organisation names come from S.dict(). */
(function (root) {
  "use strict";
  const S = root.SelfassessScoring;
  const D = root.SelfassessDisplay;

  /** Strings in code-point order, as Python's sorted() compares them. */
  function byCodePoint(a, b) {
    const x = Array.from(a, (c) => c.codePointAt(0)), y = Array.from(b, (c) => c.codePointAt(0));
    for (let i = 0; i < x.length && i < y.length; i++) if (x[i] !== y[i]) return x[i] - y[i];
    return x.length - y.length;
  }

  /** The bank as an earlier round knew it: only the questions its files carry, less any whose
      `ask_if` names a dropped question (transitively); a principle left without a scale
      question (or without any, if it never had one) did not exist then and is left out.
      Background questions stay as they are: answer files keep them apart from `answers`. */
  function bankForRound(bank, carried) {
    const kept = new Set(carried);
    const inside = new Set(bank.principles.flatMap((p) => p.questions.map((q) => q.id)));
    const dropped = new Set(Array.from(inside).filter((id) => !kept.has(id)));
    let grew = true;
    while (grew) {
      grew = false;
      for (const q of bank.principles.flatMap((p) => p.questions)) {
        if (!dropped.has(q.id) && q.ask_if && dropped.has(q.ask_if.question)) {
          dropped.add(q.id);
          grew = true;
        }
      }
    }
    const principles = bank.principles
      .map((p) => Object.assign({}, p, { questions: p.questions.filter((q) => !dropped.has(q.id)) }))
      .filter((p, i) => (bank.principles[i].questions.some(S.isScored) ? p.questions.some(S.isScored) : p.questions.length > 0));
    return Object.assign({}, bank, { principles });
  }

  /** Whether an earlier round is scored with a reduced bank: one of its JSON files names
      another version than the bank's (CSV files name none). */
  const namesOtherVersion = (bank, round) => (round.versions || []).some((v) => v !== bank.version);

  /** A figure as people read it, counted in tenths on a scale or wholes on 0-100: display.js's
      oneDecimal and half-up rounding (core/rounding.py's twin), never a rule of its own. */
  function readAs(display, value) {
    return display.onScale ? Math.round(Number(D.oneDecimal(value)) * 10) : S.roundHalfUp(value);
  }

  /** The movement between two figures in the displayed unit on what people read: 43 -> 48 is 5,
      3.4 -> 3.9 on a scale is 0.5; null when either is missing (core/trends.py movement). */
  function movement(before, now, display) {
    if (!S.present(before) || !S.present(now)) return null;
    const k = display.onScale ? 10 : 1;
    return (readAs(display, now) - readAs(display, before)) / k;
  }

  /** The distinct trimmed, non-empty roles of an organisation's respondents in one round. */
  function rolesOf(result, name) {
    return new Set(result.respondents.filter((r) => r.organisation === name && r.role).map((r) => r.role));
  }

  /** Fewer than half the same roles: 2 * |shared| < max(|now|, |before|). */
  function rolesChanged(now, before) {
    let shared = 0;
    for (const role of now) if (before.has(role)) shared += 1;
    return 2 * shared < Math.max(now.size, before.size);
  }

  /** One organisation in round i: present, its overall, its direction and change since i - 1. */
  function organisationRound(name, scored, i, display) {
    const orgs = scored[i].result.organisations;
    const present = S.has(orgs, name);
    const entry = { present, score: present ? orgs[name].overall : null, direction: null, change: null, roles_changed: false };
    if (i === 0 || !present) return entry;
    const earlier = scored[i - 1].result;
    if (!S.has(earlier.organisations, name)) return Object.assign(entry, { direction: "new" });
    entry.roles_changed = rolesChanged(rolesOf(scored[i].result, name), rolesOf(earlier, name));
    const change = movement(earlier.organisations[name].overall, entry.score, display);
    if (change === null) return entry;
    return Object.assign(entry, { direction: change > 0 ? "up" : change < 0 ? "down" : "level", change });
  }

  /** A round for trends() from responses.js's collect of its files: the responses, and what
      the files it read carry and name (a rejected or repeated file says nothing). */
  function roundOf(label, collected) {
    const read = collected.files.filter((f) => f.status === "read");
    const carried = new Set(read.flatMap((f) => f.carried || []));
    const versions = new Set(read.map((f) => f.version).filter(S.present));
    return { label, responses: collected.responses, carried: Array.from(carried),
      versions: Array.from(versions).sort(byCodePoint) };
  }

  /** The trends object of contract 3 (core/trends.py trends_json): rounds, overall, the current
      bank's scored principles and every organisation, one entry per round, oldest first. */
  function trends(bank, rounds) {
    const last = rounds.length - 1;
    const scored = rounds.map((round, i) => {
      const used = i < last && namesOtherVersion(bank, round) ? bankForRound(bank, round.carried || []) : bank;
      return { bank: used, result: S.scoreAll(used, round.responses) };
    });
    const display = D.displayOf(bank);
    const names = new Set();
    scored.forEach((s) => Object.keys(s.result.organisations).forEach((name) => names.add(name)));
    return {
      rounds: rounds.map((round, i) => ({
        label: round.label,
        versions: Array.from(new Set(round.versions || [])).sort(byCodePoint),
        respondents: scored[i].result.partnership.n_respondents,
        organisations: scored[i].result.partnership.n_organisations
      })),
      overall: scored.map((s) => ({ score: s.result.partnership.overall, level: s.result.partnership.level })),
      principles: bank.principles.filter(S.countsIn).map((p) => ({
        id: p.id,
        rounds: scored.map((s) => {
          if (!s.bank.principles.some((q) => q.id === p.id)) return { present: false, score: null, level: null };
          const figures = s.result.partnership.principles[p.id];
          return { present: true, score: figures.score, level: figures.level };
        })
      })),
      organisations: Array.from(names).sort(byCodePoint).map((name) => ({
        name,
        rounds: scored.map((s, i) => organisationRound(name, scored, i, display))
      }))
    };
  }

  root.SelfassessTrends = { bankForRound, roundOf, trends, movement, byCodePoint };
})(globalThis);
