/* selfassess answers: one answer file's `background` and `answers` checked against the bank,
   question by question (mirrors inputs/answer_values.py answer_problems: the same order and
   words, pinned by tests/test_responses_js.py). An answer's shape follows its question's type:
   a number from the scale, one option id, a list of option ids, or text. Pure: no DOM, no
   clock, no storage, no other script needed, so the form page and the partnership page both
   load it before scoring.js. Its words are English, as scoring.js's own refusals are. */
(function (root) {
  "use strict";
  const FORMAT_1 = "selfassess-response/1";
  const isNumber = (v) => typeof v === "number";
  const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
  // The answer each type takes: what core/question_types.py registers as its `answer`.
  const SHAPES = { scale: "number", choice: "option", multi: "options", text: "text" };
  const shapeOf = (q) => SHAPES[q.type || "scale"] || "number";

  /** Python's repr() of a string: the quotes it picks and the escapes it writes. */
  function pyRepr(text) {
    const quote = text.indexOf("'") >= 0 && text.indexOf('"') < 0 ? '"' : "'";
    let out = "";
    for (const c of text) {
      const code = c.codePointAt(0);
      if (c === quote || c === "\\") out += "\\" + c;
      else if (c === "\n") out += "\\n";
      else if (c === "\r") out += "\\r";
      else if (c === "\t") out += "\\t";
      else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += "\\x" + code.toString(16).padStart(2, "0");
      else out += c;
    }
    return quote + out + quote;
  }

  /** The first `n` characters as Python counts them (code points). */
  const head = (text, n) => Array.from(text).slice(0, n).join("");

  /** Python's f"{value:g}": six significant digits, trailing zeros dropped. */
  function gFormat(value) {
    if (value === 0) return "0";
    const exponent = Number(value.toExponential(5).split("e")[1]);
    if (exponent < -4 || exponent >= 6) {
      const parts = value.toExponential(5).split("e");
      const mantissa = parts[0].indexOf(".") >= 0 ? parts[0].replace(/\.?0+$/, "") : parts[0];
      return mantissa + "e" + (exponent < 0 ? "-" : "+") + String(Math.abs(exponent)).padStart(2, "0");
    }
    const fixed = value.toFixed(Math.max(0, 5 - exponent));
    return fixed.indexOf(".") >= 0 ? fixed.replace(/\.?0+$/, "") : fixed;
  }

  /** answer_values.found_text: what a value is, in words both readers can say alike. */
  function foundText(value) {
    if (value === null || value === undefined) return "null";
    if (typeof value === "boolean") return value ? "true" : "false";
    if (isNumber(value)) return "a number";
    if (typeof value === "string") return "text " + pyRepr(head(value, 40));
    if (Array.isArray(value)) {
      const odd = value.filter((item) => typeof item !== "string");
      return odd.length ? "a list holding " + foundText(odd[0]) : "a list";
    }
    return "a mapping";
  }

  /** The longest common block of a[alo:ahi] and b[blo:bhi], as difflib's find_longest_match. */
  function longestMatch(a, b, b2j, alo, ahi, blo, bhi) {
    let besti = alo, bestj = blo, bestsize = 0, j2len = new Map();
    for (let i = alo; i < ahi; i++) {
      const next = new Map();
      for (const j of b2j.get(a[i]) || []) {
        if (j < blo) continue;
        if (j >= bhi) break;
        const k = (j2len.get(j - 1) || 0) + 1;
        next.set(j, k);
        if (k > bestsize) { besti = i - k + 1; bestj = j - k + 1; bestsize = k; }
      }
      j2len = next;
    }
    while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) { besti--; bestj--; bestsize++; }
    while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] === b[bestj + bestsize]) bestsize++;
    return [besti, bestj, bestsize];
  }

  /** difflib.SequenceMatcher(None, a, b).ratio(), popular characters of a long `b` set aside. */
  function ratio(a, b) {
    if (!a.length && !b.length) return 1;
    const b2j = new Map();
    b.forEach((c, j) => { if (!b2j.has(c)) b2j.set(c, []); b2j.get(c).push(j); });
    if (b.length >= 200) {
      const most = Math.floor(b.length / 100) + 1;
      for (const [c, js] of Array.from(b2j)) if (js.length > most) b2j.delete(c);
    }
    let matched = 0;
    const queue = [[0, a.length, 0, b.length]];
    while (queue.length) {
      const [alo, ahi, blo, bhi] = queue.pop();
      const [i, j, k] = longestMatch(a, b, b2j, alo, ahi, blo, bhi);
      if (!k) continue;
      matched += k;
      if (alo < i && blo < j) queue.push([alo, i, blo, j]);
      if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
    }
    return (2 * matched) / (a.length + b.length);
  }

  /** difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)[0], or null. */
  function closeMatch(word, candidates) {
    const b = Array.from(word);
    let best = null, bestScore = -1;
    for (const candidate of candidates) {
      const score = ratio(Array.from(candidate), b);
      if (score >= 0.6 && (score > bestScore || (score === bestScore && candidate > best))) {
        best = candidate; bestScore = score;
      }
    }
    return best;
  }

  /** messages.did_you_mean: `; did you mean 'x'?`, else ` (options: a, b)` when `otherwise`. */
  function didYouMean(word, known, otherwise) {
    const close = closeMatch(word, known);
    if (close !== null) return "; did you mean '" + close + "'?";
    return otherwise ? " (" + otherwise + ": " + known.join(", ") + ")" : "";
  }

  const scaleOf = (bank, q) => q.scale || bank.scale;
  const scaleText = (scale) => scale.map((o) => (o.value === null ? o.label + " (empty)" : gFormat(o.value) + " " + o.label)).join(", ");
  const optionIds = (q) => (q.options || []).map((o) => o.id);

  /** answer_values.shape_problem: why `value` cannot answer `q` (null: it can); an unknown id
      takes a number. */
  function shapeProblem(q, value) {
    if (value === null) return null;
    const shape = q ? shapeOf(q) : "number";
    if (shape === "number") {
      if (isNumber(value)) return null;
      const found = typeof value === "string" ? pyRepr(value) : typeof value === "boolean" ? (value ? "True" : "False") : foundText(value);
      return "expected a number from the scale or null, found " + found;
    }
    if (shape === "option" && typeof value !== "string") {
      return "expected one option id of " + q.id + " or null, found " + foundText(value);
    }
    if (shape === "options" && !(Array.isArray(value) && value.every((v) => typeof v === "string"))) {
      return "expected a list of option ids of " + q.id + ", found " + foundText(value);
    }
    if (shape === "text" && typeof value !== "string") return "expected text or null, found " + foundText(value);
    return null;
  }

  /** answer_values.value_problem: off the scale, not an option, or ticked twice. */
  function valueProblem(bank, q, value) {
    const shape = shapeOf(q);
    if (value === null || shape === "text") return null;
    if (shape === "number") {
      const scale = scaleOf(bank, q);
      if (scale.some((o) => o.value !== null && o.value === value)) return null;
      return gFormat(value) + " is not on the scale of " + q.id + " (" + scaleText(scale) + ")";
    }
    const ids = optionIds(q), seen = new Set();
    for (const option of shape === "option" ? [value] : value) {
      if (ids.indexOf(option) < 0) {
        return pyRepr(head(option, 60)) + " is not an option of " + q.id + didYouMean(option, ids, "options");
      }
      if (seen.has(option)) return pyRepr(option) + " is ticked twice in " + q.id;
      seen.add(option);
    }
    return null;
  }

  /** The bank's questions by id, background ones apart: prototype-free maps. */
  function questionsOf(bank) {
    const background = new Map(), principle = new Map();
    for (const q of bank.background || []) background.set(q.id, q);
    for (const p of bank.principles) for (const q of p.questions) principle.set(q.id, q);
    return { background, principle };
  }

  /** answer_values._placement_problem: an id under the wrong key, or unknown. */
  function placementProblem(bank, questions, section, qid) {
    const wanted = section === "background" ? questions.background : questions.principle;
    const other = section === "background" ? questions.principle : questions.background;
    if (wanted.has(qid)) return null;
    if (other.has(qid)) {
      const kind = section === "background" ? "principle" : "background";
      return "'" + qid + "' is a " + kind + " question: its answer belongs under " + (section === "background" ? "answers" : "background");
    }
    const unknown = section === "background" ? "unknown background question id" : "unknown question id";
    return unknown + " '" + qid + "' for " + bank.id + didYouMean(qid, Array.from(wanted.keys()), "");
  }

  /**
   * Every answer of a parsed answer file (background first, then answers, in the file's
   * order) checked against its question: [{path, message}], as answer_values.answer_problems.
   */
  function answerProblems(bank, raw) {
    const problems = [];
    if (raw.format === FORMAT_1 && isObject(raw.background) && Object.keys(raw.background).length) {
      return [{ path: "background", message: "a " + FORMAT_1 + ' file has no background answers; write "format": "selfassess-response/2"' }];
    }
    const questions = questionsOf(bank);
    for (const section of ["background", "answers"]) {
      const given = isObject(raw[section]) ? raw[section] : {};
      for (const qid of Object.keys(given)) {
        const q = questions.background.get(qid) || questions.principle.get(qid);
        let message = placementProblem(bank, questions, section, qid);
        if (message === null && q) message = shapeProblem(q, given[qid]) || valueProblem(bank, q, given[qid]);
        if (message !== null) problems.push({ path: section + "." + qid, message });
      }
    }
    return problems;
  }

  root.SelfassessAnswers = { answerProblems, closeMatch, didYouMean, foundText, gFormat, shapeOf };
})(globalThis);
