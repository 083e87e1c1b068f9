/* selfassess scoring: the rules of docs/scoring.md, mirroring src/selfassess/core/scoring.py
   (which questions are asked: core/asking.py). Pure: no DOM, no clock, no storage. The same
   file runs in the form page, the partnership page and `node --test`. `bank` is
   bank_view.bank_scoring_data() (a question without `type` is a scale question); results have
   the shape of `selfassess score --format json` (report/score_formats.py). Arithmetic follows
   the Python step by step so both agree on every case in tests/vectors/. This file scores one
   respondent and reads answer files (format /1 and /2, in inputs/answer_values.py's words);
   partnership-scoring.js adds organisations, the partnership, breakdowns and choices (scoreAll)
   for the partnership page, so the form page does not carry them. */
(function (root) {
  "use strict";
  const FORMAT = "selfassess-response/2";  // what the form writes; every reader takes FORMATS
  const FORMATS = ["selfassess-response/1", FORMAT];
  const UNSPECIFIED = "Unspecified";
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

  /** The id of the level with the highest `min` at or below the unrounded score. */
  function levelOf(levels, score) {
    let found = null;
    if (present(score)) for (const level of levels) if (level.min <= score) found = level.id;
    return found;
  }

  /** Whole number for people to read: 62.5 -> 63 (not banker's rounding). */
  const roundHalfUp = (score) => (score >= 0 ? Math.floor(score + 0.5) : -Math.floor(-score + 0.5));
  const organisationOf = (name) => strip(name) || UNSPECIFIED;

  /** Weighted over the applicable principles (all but `notApplicable`, a Set); null when one of
      them has no score, or none is applicable. */
  function overallOf(bank, principles, notApplicable) {
    const counted = bank.principles.filter((p) => !(notApplicable && notApplicable.has(p.id)));
    if (!counted.length || counted.some((p) => principles[p.id] === null)) return null;
    return weightedMean(counted.map((p) => [principles[p.id], p.weight]));
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

  /** Hidden from JSON.stringify and Object.keys, as Python's `not_applicable` is from the JSON. */
  const withNotApplicable = (result, ids) =>
    Object.defineProperty(result, "notApplicable", { value: ids, enumerable: false });

  /** One respondent entry of `score --format json` (unrounded); `notApplicable` (a Set of
      principle ids none of whose scale questions were asked) rides along, not enumerable. */
  function scoreRespondent(bank, response, source) {
    const asked = questionsAsked(bank, response);
    const who = response.respondent || {};
    const principles = dict(), notApplicable = new Set();
    let answered = 0, total = 0;
    for (const p of bank.principles) {
      const questions = p.questions.filter((q) => isScored(q) && asked.has(q.id));
      const given = questions.filter((q) => asked.get(q.id) !== null);
      total += questions.length;
      answered += given.length;
      if (!questions.length) notApplicable.add(p.id);
      principles[p.id] = !given.length || given.length / questions.length < bank.min_answered ? null
        : weightedMean(given.map((q) => [itemScore(asked.get(q.id), scaleOf(bank, q), q.reverse), q.weight]));
    }
    const background = dict();
    for (const q of bank.background || []) if (present(asked.get(q.id))) background[q.id] = asked.get(q.id);
    const overall = overallOf(bank, principles, notApplicable);
    return withNotApplicable({
      source: source === undefined ? "" : source,
      organisation: organisationOf(who.organisation),
      role: strip(who.role) || null,
      background,
      principles,
      overall,
      level: levelOf(bank.levels, overall),
      answered,
      total
    }, notApplicable);
  }

  /** The principle with the lowest score (ties: the one listed first); null when none scored. */
  function weakestPrinciple(bank, scores) {
    let weakest = null;
    for (const p of bank.principles) {
      if (present(scores[p.id]) && (weakest === null || scores[p.id] < scores[weakest])) weakest = p.id;
    }
    return weakest;
  }

  // ------------------------------------------------------------------ reading response files

  const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
  const isText = (v) => v === null || typeof v === "string";

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
      need(isObject(raw[key]), key, "expected " + what + ", found " + shown(raw[key]));
      if (isObject(raw[key])) for (const k of Object.keys(raw[key])) check(k, raw[key][k], key + "." + k);
    };
    const text = (object, key, path) => {
      if (has(object, key)) need(isText(object[key]), path, "expected text or null, found " + shown(object[key]));
    };
    if (!has(raw, "questionnaire")) need(false, "questionnaire", "missing required key 'questionnaire'");
    mapping("questionnaire", "an object with id and version", () => {});
    if (isObject(raw.questionnaire)) {
      const q = raw.questionnaire;
      need(has(q, "id"), "questionnaire.id", "missing required key 'id'");
      if (has(q, "id")) need(typeof q.id === "string", "questionnaire.id", "expected text, found " + shown(q.id));
      text(q, "version", "questionnaire.version");
    }
    mapping("respondent", "an object", () => {});
    if (isObject(raw.respondent)) for (const k of ["organisation", "role", "name"]) text(raw.respondent, k, "respondent." + k);
    text(raw, "completed_at", "completed_at");
    for (const section of SECTIONS) {
      mapping(section, "an object of answers", (k, v, path) => need(fitsAnswer(v), path, shapeProblem(bank, k, v)));
    }
    mapping("comments", "an object of comments", (k, v, path) => need(typeof v === "string", path, "expected text, found " + shown(v)));
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
    if (typeof v === "number") return "a number";
    if (typeof v === "string") return "text " + shown(firstChars(v, 40));
    if (Array.isArray(v)) {
      const odd = v.filter((i) => typeof i !== "string");
      return odd.length ? "a list holding " + foundText(odd[0]) : "a list";
    }
    return "a mapping";
  }

  /** Why `v` cannot answer the question (answer_values.shape_problem); an unknown id takes a number. */
  function shapeProblem(bank, qid, v) {
    const q = questionOf(bank, qid), type = q ? typeOf(q) : "scale";
    if (v === null) return null;
    if (type === "scale") {
      return isNumber(v) ? null : "expected a number from the scale or null, found " +
        (typeof v === "string" || typeof v === "boolean" ? shown(v) : foundText(v));
    }
    if (type === "choice" && typeof v !== "string") return "expected one option id of " + qid + " or null, found " + foundText(v);
    if (type === "multi" && !(Array.isArray(v) && v.every((i) => typeof i === "string"))) {
      return "expected a list of option ids of " + qid + ", found " + foundText(v);
    }
    if (type === "text" && typeof v !== "string") return "expected text or null, found " + foundText(v);
    return null;
  }

  /** Why a value of the right shape is still no answer (answer_values.value_problem). */
  function valueProblem(bank, q, v) {
    if (v === null || typeOf(q) === "text") return null;
    if (isScored(q)) {
      if (numbersOf(scaleOf(bank, q)).includes(v)) return null;
      const scale = scaleOf(bank, q).map((o) => (o.value === null ? o.label + " (empty)" : o.value + " " + o.label));
      return v + " is not on the scale of " + q.id + " (" + scale.join(", ") + ")";
    }
    const ids = q.options.map((o) => o.id), seen = new Set();
    for (const id of Array.isArray(v) ? v : [v]) {
      if (!ids.includes(id)) {
        const close = closeMatch(id, ids);
        return shown(firstChars(id, 60)) + " is not an option of " + q.id +
          (close ? "; did you mean '" + close + "'?" : " (options: " + ids.join(", ") + ")");
      }
      if (seen.has(id)) return shown(id) + " is ticked twice in " + q.id;
      seen.add(id);
    }
    return null;
  }

  /** Why `qid` cannot be answered under `section` (answer_values._placement_problem). */
  function placementProblem(bank, section, qid) {
    const background = (bank.background || []).map((q) => q.id), principle = questionsOf(bank).map((q) => q.id);
    const [wanted, other] = section === "background" ? [background, principle] : [principle, background];
    if (wanted.includes(qid)) return null;
    if (other.includes(qid)) {
      return "'" + qid + "' is a " + (section === "background" ? "principle" : "background") +
        " question: its answer belongs under " + (section === "background" ? "answers" : "background");
    }
    const close = closeMatch(qid, wanted);
    return "unknown " + (section === "background" ? "background " : "") + "question id '" + qid + "' for " + bank.id +
      (close ? "; did you mean '" + close + "'?" : "");
  }

  /** Every answer, background first, against its question (answer_values.answer_problems). */
  function answerProblems(bank, raw) {
    if (raw.format === FORMATS[0] && isObject(raw.background) && Object.keys(raw.background).length) {
      return [{ path: "background", message: "a " + FORMATS[0] + ' file has no background answers; write "format": "' + FORMAT + '"' }];
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
        return refuse([{ path: "", message: "not JSON: " + error.message }]);
      }
    }
    if (!isObject(raw)) return refuse([{ path: "", message: "not a response file: expected a JSON object" }]);
    if (!FORMATS.includes(raw.format)) {
      return refuse([{ path: "format", message: present(raw.format)
        ? "wrong format " + shown(raw.format) + "; expected '" + FORMAT + "'"
        : 'not a response file: no "format": "' + FORMAT + '"' }]);
    }
    const problems = typeProblems(bank, raw);
    if (problems.length) return refuse(problems);
    if (raw.questionnaire.id !== bank.id) {
      return refuse([{ path: "questionnaire.id",
        message: "answers questionnaire '" + raw.questionnaire.id + "', not '" + bank.id + "'" }]);
    }
    problems.push(...answerProblems(bank, raw));
    if (problems.length) return refuse(problems);
    const warnings = [];
    const version = present(raw.questionnaire.version) ? raw.questionnaire.version : null;
    if (version !== null && version !== bank.version) {
      warnings.push("answers version " + version + " of " + bank.id + "; scoring it with version " + bank.version);
    }
    const known = new Set(bank.principles.map((p) => p.id).concat((bank.background || []).concat(questionsOf(bank)).map((q) => q.id)));
    const comments = dict(), stray = [];
    for (const [key, value] of Object.entries(raw.comments || {})) {
      if (known.has(key)) comments[key] = value; else stray.push(key);
    }
    if (stray.length) warnings.push("comments on unknown ids ignored: " + stray.join(", "));
    const who = raw.respondent || {};
    const response = {
      format: raw.format,
      questionnaire: { id: bank.id, version },
      respondent: { organisation: who.organisation ?? null, role: who.role ?? null, name: who.name ?? null },
      completed_at: raw.completed_at ?? null,
      background: dictOf(raw.background),
      answers: dictOf(raw.answers),
      comments
    };
    return { ok: true, response, problems: [], warnings };
  }

  root.SelfassessScoring = {
    FORMAT, FORMATS, UNSPECIFIED, dict, dictOf, present, has, scaleOf, typeOf, isScored, itemScore, levelOf, roundHalfUp,
    organisationOf, overallOf, questionsAsked, isAnswered, withNotApplicable, scoreRespondent, weakestPrinciple,
    validateResponse, closeMatch
  };
})(globalThis);
