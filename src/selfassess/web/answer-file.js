/* selfassess answer files: whether one answer file (its text or its parsed JSON) answers the
   bank, refusing what inputs/load.py's parse_response_json refuses, in inputs/answer_values.py's
   words, and the did-you-mean of inputs/messages.py (difflib's). It adds validateResponse and
   closeMatch to SelfassessScoring (scoring.js, loaded first); both pages read answer files with
   it (the form its saved and loaded answers, the partnership page every file). Pure: no DOM.
   Its words by key: pages/answer_file_messages.py; what a file or bank holds is quoted here. */
(function (root) {
  "use strict";
  const S = root.SelfassessScoring;
  const { FORMAT, FORMATS, dict, dictOf, present, has, numbersOf, questionsOf, scaleOf, typeOf, isScored } = S;

  const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
  const isText = (v) => v === null || typeof v === "string";
  const say = root.SelfassessMessages; // the words, by key (messages.js, loaded first)
  const quoted = (text) => "'" + text + "'";
  const expected = (what, found, values) => say("expected", { what: say(what, values), found });

  /** Python's repr() of a scalar; strings through python-text.js where the page loads it. */
  function shown(value) {
    if (typeof value === "string") return root.SelfassessPyText ? root.SelfassessPyText.pyRepr(value) : "'" + value + "'";
    if (typeof value === "boolean") return value ? "True" : "False";
    return JSON.stringify(value) || String(value);
  }

  /** What core/model.py's pydantic model refuses, as [{path, message}]. */
  function typeProblems(bank, raw) {
    const problems = [];
    const need = (ok, path, message) => { if (!ok) problems.push({ path, message }); };
    const mapping = (key, what, check) => {
      if (!has(raw, key)) return;
      need(isObject(raw[key]), key, expected(what, shown(raw[key])));
      if (isObject(raw[key])) for (const k of Object.keys(raw[key])) check(k, raw[key][k], key + "." + k);
    };
    const text = (object, key, path) => {
      if (has(object, key)) need(isText(object[key]), path, expected("textOrNull", shown(object[key])));
    };
    if (!has(raw, "questionnaire")) need(false, "questionnaire", say("missingKey", { key: "'questionnaire'" }));
    mapping("questionnaire", "anIdVersion", () => {});
    if (isObject(raw.questionnaire)) {
      const q = raw.questionnaire;
      need(has(q, "id"), "questionnaire.id", say("missingKey", { key: "'id'" }));
      if (has(q, "id")) need(typeof q.id === "string", "questionnaire.id", expected("aText", shown(q.id)));
      text(q, "version", "questionnaire.version");
    }
    mapping("respondent", "anObject", () => {});
    if (isObject(raw.respondent)) for (const k of ["organisation", "role", "name"]) text(raw.respondent, k, "respondent." + k);
    text(raw, "completed_at", "completed_at");
    text(raw, "language", "language");
    for (const section of SECTIONS) {
      mapping(section, "ofAnswers", (k, v, path) => need(fitsAnswer(v), path, shapeProblem(bank, k, v)));
    }
    mapping("comments", "ofComments", (k, v, path) => need(typeof v === "string", path, expected("aText", shown(v))));
    return problems;
  }

  const SECTIONS = ["background", "answers"];
  const isNumber = (v) => typeof v === "number" && isFinite(v);
  /** What the model takes as an answer: a number, text, a list of texts or null. */
  const fitsAnswer = (v) => v === null || isNumber(v) || typeof v === "string" ||
    (Array.isArray(v) && v.every((i) => typeof i === "string"));
  const questionOf = (bank, qid) => (bank.background || []).concat(questionsOf(bank)).find((q) => q.id === qid);
  const firstChars = (text, n) => Array.from(text).slice(0, n).join("");

  /** What a value is, in inputs/answer_values.py's words (found_text). */
  function foundText(v) {
    if (v === null) return "null";
    if (typeof v === "boolean") return String(v);
    if (typeof v === "number") return say("aNumber");
    if (typeof v === "string") return say("textValue", { value: shown(firstChars(v, 40)) });
    if (Array.isArray(v)) {
      const odd = v.filter((i) => typeof i !== "string");
      return odd.length ? say("listHolding", { found: foundText(odd[0]) }) : say("aList");
    }
    return say("aMapping");
  }

  /** Why `v` cannot answer the question (answer_values.shape_problem); an unknown id takes a number. */
  function shapeProblem(bank, qid, v) {
    const q = questionOf(bank, qid), type = q ? typeOf(q) : "scale";
    if (v === null) return null;
    if (type === "scale") {
      return isNumber(v) ? null : expected("scaleOrNull",
        typeof v === "string" || typeof v === "boolean" ? shown(v) : foundText(v));
    }
    if (type === "choice" && typeof v !== "string") return expected("optionOrNull", foundText(v), { question: qid });
    if (type === "multi" && !(Array.isArray(v) && v.every((i) => typeof i === "string"))) {
      return expected("optionList", foundText(v), { question: qid });
    }
    if (type === "text" && typeof v !== "string") return expected("textOrNull", foundText(v));
    return null;
  }

  /** Why a value of the right shape is still no answer (answer_values.value_problem). */
  function valueProblem(bank, q, v) {
    if (v === null || typeOf(q) === "text") return null;
    if (isScored(q)) {
      if (numbersOf(scaleOf(bank, q)).includes(v)) return null;
      const scale = scaleOf(bank, q).map((o) => (o.value === null ? say("emptyChoice", { label: o.label }) : o.value + " " + o.label));
      return say("offScale", { value: v, question: q.id, scale: scale.join(", ") });
    }
    const ids = q.options.map((o) => o.id), seen = new Set();
    for (const id of Array.isArray(v) ? v : [v]) {
      if (!ids.includes(id)) {
        const close = closeMatch(id, ids), problem = say("noOption", { value: shown(firstChars(id, 60)), question: q.id });
        return close ? say("didYouMean", { problem, close: quoted(close) }) : say("options", { problem, options: ids.join(", ") });
      }
      if (seen.has(id)) return say("tickedTwice", { value: shown(id), question: q.id });
      seen.add(id);
    }
    return null;
  }

  /** Why `qid` cannot be answered under `section` (answer_values._placement_problem). */
  function placementProblem(bank, section, qid) {
    const background = (bank.background || []).map((q) => q.id), principle = questionsOf(bank).map((q) => q.id);
    const [wanted, other] = section === "background" ? [background, principle] : [principle, background];
    if (wanted.includes(qid)) return null;
    const bg = section === "background", question = quoted(qid);
    if (other.includes(qid)) return say(bg ? "isPrinciple" : "isBackground", { question });
    const close = closeMatch(qid, wanted), problem = say(bg ? "unknownBgId" : "unknownId", { question, bank: bank.id });
    return close ? say("didYouMean", { problem, close: quoted(close) }) : problem;
  }

  /** Every answer, background first, against its question (answer_values.answer_problems). */
  function answerProblems(bank, raw) {
    if (raw.format === FORMATS[0] && isObject(raw.background) && Object.keys(raw.background).length) {
      return [{ path: "background", message: say("noBgAnswers", { old: FORMATS[0], format: FORMAT }) }];
    }
    const problems = [];
    for (const section of SECTIONS) {
      for (const [qid, v] of Object.entries(Object(raw[section]))) {
        const q = questionOf(bank, qid);
        const message = placementProblem(bank, section, qid) || shapeProblem(bank, qid, v) || valueProblem(bank, q, v);
        if (message) problems.push({ path: section + "." + qid, message });
      }
    }
    return problems;
  }

  /** Matched characters of difflib.SequenceMatcher(None, a, b): the sum of its matching blocks
      (longest match first, earliest in a then b; b's popular characters junk past 199). */
  function matchedLength(a, b) {
    const b2j = new Map(), counts = new Map();
    b.forEach((c, j) => { if (!b2j.has(c)) b2j.set(c, []); b2j.get(c).push(j); counts.set(c, (counts.get(c) || 0) + 1); });
    if (b.length >= 200) for (const [c, n] of counts) if (n > Math.floor(b.length / 100) + 1) b2j.delete(c);
    let total = 0;
    const queue = [[0, a.length, 0, b.length]];
    while (queue.length) {
      const [alo, ahi, blo, bhi] = queue.pop();
      let besti = alo, bestj = blo, size = 0, j2len = new Map();
      for (let i = alo; i < ahi; i++) {
        const next = new Map();
        for (const j of b2j.get(a[i]) || []) {
          if (j < blo) continue;
          if (j >= bhi) break;
          const k = (j2len.get(j - 1) || 0) + 1;
          next.set(j, k);
          if (k > size) { besti = i - k + 1; bestj = j - k + 1; size = k; }
        }
        j2len = next;
      }
      while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) { besti--; bestj--; size++; }
      while (besti + size < ahi && bestj + size < bhi && a[besti + size] === b[bestj + size]) size++;
      if (!size) continue;
      total += size;
      if (alo < besti && blo < bestj) queue.push([alo, besti, blo, bestj]);
      if (besti + size < ahi && bestj + size < bhi) queue.push([besti + size, ahi, bestj + size, bhi]);
    }
    return total;
  }

  /** difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)[0], or null: the did-you-mean
      of inputs/messages.py (ties go to the larger string, as Python's nlargest gives them). */
  function closeMatch(word, candidates) {
    const b = Array.from(word);
    let best = null, bestRatio = -1;
    for (const c of candidates) {
      const a = Array.from(c), length = a.length + b.length;
      const ratio = length ? 2 * matchedLength(a, b) / length : 1;
      if (ratio >= 0.6 && (ratio > bestRatio || (ratio === bestRatio && compareCodePoints(c, best) > 0))) {
        best = c; bestRatio = ratio;
      }
    }
    return best;
  }

  const compareCodePoints = (x, y) => {
    const a = Array.from(x, (c) => c.codePointAt(0)), b = Array.from(y, (c) => c.codePointAt(0));
    for (let i = 0; i < a.length && i < b.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
    return a.length - b.length;
  };

  /**
   * Check a response file (its text, or the parsed JSON) against the bank, refusing what
   * load.parse_response_json refuses. Returns {ok, response, problems: [{path, message}],
   * warnings}; `response` is the cleaned response when ok, else null.
   */
  function validateResponse(bank, data) {
    const refuse = (problems) => ({ ok: false, response: null, problems, warnings: [] });
    let raw = data;
    if (typeof data === "string") {
      try {
        raw = JSON.parse(data.replace(/^\ufeff/, ""));
      } catch (error) {
        return refuse([{ path: "", message: say("badJson", { error: error.message }), json: false }]);
      }
    }
    if (!isObject(raw)) return refuse([{ path: "", message: say("noObject") }]);
    if (!FORMATS.includes(raw.format)) {
      return refuse([{ path: "format", message: present(raw.format)
        ? say("wrongFormat", { found: shown(raw.format), format: FORMAT })
        : say("noFormat", { format: FORMAT }) }]);
    }
    const problems = typeProblems(bank, raw);
    if (problems.length) return refuse(problems);
    if (raw.questionnaire.id !== bank.id) {
      return refuse([{ path: "questionnaire.id",
        message: say("otherBank", { found: quoted(raw.questionnaire.id), bank: quoted(bank.id) }) }]);
    }
    problems.push(...answerProblems(bank, raw));
    if (problems.length) return refuse(problems);
    const warnings = [];
    const version = present(raw.questionnaire.version) ? raw.questionnaire.version : null;
    if (version !== null && version !== bank.version) {
      warnings.push(say("otherVersion", { version, bank: bank.id, current: bank.version }));
    }
    const known = new Set(bank.principles.map((p) => p.id).concat((bank.background || []).concat(questionsOf(bank)).map((q) => q.id)));
    const comments = dict(), stray = [];
    for (const [key, value] of Object.entries(raw.comments || {})) {
      if (known.has(key)) comments[key] = value; else stray.push(key);
    }
    if (stray.length) warnings.push(say("strayComments", { ids: stray.join(", ") }));
    const who = raw.respondent || {};
    const response = {
      format: raw.format,
      questionnaire: { id: bank.id, version },
      respondent: { organisation: who.organisation ?? null, role: who.role ?? null, name: who.name ?? null },
      completed_at: raw.completed_at ?? null,
      language: raw.language, // the page's it was given on (#17), if it says: kept, never scored
      background: dictOf(raw.background),
      answers: dictOf(raw.answers),
      comments
    };
    return { ok: true, response, problems: [], warnings };
  }

  Object.assign(S, { validateResponse, closeMatch });
})(globalThis);
