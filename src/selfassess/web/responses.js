/* selfassess response files: bytes -> validated responses, refusing what `selfassess score`
   refuses with the same messages (mirrors inputs/: files.py, response_csv.py, response_json.py,
   load_responses). Pure: no DOM, no clock, no storage; JSON files go through
   SelfassessScoring.validateResponse (scoring.js, loaded first), CSV files through csv.js's
   reader (SelfassessCsv); answers to questions not asked of a respondent are then dropped with
   a warning. python-text.js, csv.js and scoring.js load first.
   Problems are {file, line, path, message}; problemText() prints them as the CLI does. */
(function (root) {
  "use strict";

  const S = root.SelfassessScoring;
  const say = root.SelfassessMessages;  // the words, by key (pages/answer_file_messages.py)
  const { strip, problem, problemText, pyRepr, gFormat } = root.SelfassessPyText;
  const CSV = root.SelfassessCsv;
  const MAX_BYTES = 50000000;  // "50 MB", the unit the messages use (inputs/responses.py MAX_RESPONSE_BYTES)

  /** Offset of the first byte that is not valid UTF-8 (as Python reports it), or -1. */
  function badUtf8Offset(bytes) {
    let i = 0; const n = bytes.length;
    while (i < n) {
      const b = bytes[i];
      if (b < 0x80) { i++; continue; }
      let length, low = 0x80, high = 0xbf;
      if (b >= 0xc2 && b <= 0xdf) length = 2;
      else if (b >= 0xe0 && b <= 0xef) { length = 3; if (b === 0xe0) low = 0xa0; if (b === 0xed) high = 0x9f; }
      else if (b >= 0xf0 && b <= 0xf4) { length = 4; if (b === 0xf0) low = 0x90; if (b === 0xf4) high = 0x8f; }
      else return i;
      for (let k = 1; k < length; k++) {
        const c = i + k < n ? bytes[i + k] : -1;
        if (c < (k === 1 ? low : 0x80) || c > (k === 1 ? high : 0xbf)) return i;
      }
      i += length;
    }
    return -1;
  }

  // Windows-1252's 0x80-0x9F (the rest is Latin-1), as the WHATWG Encoding Standard and
  // load._WINDOWS_1252 have them: the five undefined bytes are the C1 controls of the same number.
  const CP1252 = "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
    "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

  /** Bytes -> Windows-1252 text, by our own table: Node's TextDecoder("windows-1252") decodes
      Latin-1 instead, and the page must read a file as node and Python do. */
  function windows1252(bytes) {
    const parts = [];
    for (let i = 0; i < bytes.length; i += 8192) {
      parts.push(String.fromCharCode.apply(null, bytes.subarray(i, i + 8192)));
    }
    return parts.join("").replace(/[\x80-\x9f]/g, function (c) { return CP1252[c.charCodeAt(0) - 0x80]; });
  }

  /** Bytes -> text as Python's bytes.decode("utf-8-sig"), or a problem. A CSV file that is not
      UTF-8 is read as Windows-1252 with a warning instead (inputs/response_csv.py decode_csv, the same words). */
  function decode(bytes, file, csv) {
    const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    const bad = badUtf8Offset(start ? bytes.subarray(start) : bytes);
    if (bad >= 0 && csv) {
      return { text: windows1252(bytes), warning: say("readAs1252", { file, offset: bad }) };
    }
    if (bad >= 0) return { problem: problem(file, say("notUtf8", { offset: bad })) };
    return { text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(start ? bytes.subarray(start) : bytes) };
  }

  // What json_input.parse_json_document refuses in JSON that parses (same bounds, same words).
  const MAX_NUMBER_CHARS = 32, MAX_JSON_DEPTH = 100;
  const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
  const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, "g");

  function thousands(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }

  /** load._shown_id: Python's repr of the text, cut to 60 characters. */
  function shownId(text) {
    const chars = Array.from(text);
    return pyRepr(chars.length <= 60 ? text : chars.slice(0, 57).join("") + "...");
  }

  /** errors.format_location: `('a', 2, 'b')` -> `a[2].b`. */
  function formatLocation(loc) {
    return loc.reduce(function (out, part) {
      if (typeof part === "number") return out + "[" + part + "]";
      return out ? out + "." + part : part;
    }, "");
  }

  /**
   * A problem for JSON that parses but json_input.parse_json_document refuses, or null. In Python's
   * order: while parsing, a number where it stands and a key given twice when its object
   * closes; then nesting deeper than MAX_JSON_DEPTH; then a lone surrogate, in document order.
   */
  function jsonRefusal(text, file) {
    let doc;
    text = text.replace(/^\ufeff/, "");
    try { doc = JSON.parse(text); } catch (error) { return null; }  // validateResponse says why
    const frames = []; let i = 0, frame, token;
    while (i < text.length) {
      const c = text[i];
      frame = frames[frames.length - 1];
      if (c === '"') {
        let end = i + 1;
        while (text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
        if (frame && frame.expectKey) {
          const key = JSON.parse(text.slice(i, end + 1));
          if (frame.keys.has(key) && frame.twice === null) frame.twice = key;
          frame.keys.add(key);
          frame.expectKey = false;
        }
        i = end + 1;
      } else if (c === "{" || c === "[") {
        frames.push(c === "{" ? { keys: new Set(), expectKey: true, twice: null } : null);
        i += 1;
      } else if (c === "}" || c === "]") {
        frames.pop();
        if (frame && frame.twice !== null) {
          return problem(file, say("keyRepeated", { key: shownId(frame.twice) }));
        }
        i += 1;
      } else if (c === "-" || (c >= "0" && c <= "9")) {
        NUMBER.lastIndex = i;
        token = NUMBER.exec(text)[0];
        if (token.length > MAX_NUMBER_CHARS) {
          return problem(file, say("longNumber", { length: thousands(token.length), start: token.slice(0, 12),
            max: MAX_NUMBER_CHARS }));
        }
        if (/[.eE]/.test(token) && !isFinite(Number(token))) {
          return problem(file, say("hugeNumber", { number: token }));
        }
        i += token.length;
      } else {
        if (c === "," && frame) frame.expectKey = true;
        i += 1;
      }
    }
    let stack = [[doc, 0]], item, k, keys;
    while (stack.length) {
      item = stack.pop();
      if (item[1] > MAX_JSON_DEPTH) return problem(file, say("deep", { depth: MAX_JSON_DEPTH }));
      if (item[0] !== null && typeof item[0] === "object") {
        Object.values(item[0]).forEach(function (value) { stack.push([value, item[1] + 1]); });
      }
    }
    stack = [[doc, []]];
    while (stack.length) {
      item = stack.pop();
      const value = item[0], loc = item[1];
      if (typeof value === "string") {
        if (LONE_SURROGATE.test(value)) return problem(file, say("surrogate"), null, formatLocation(loc) || say("theDocument"));
      } else if (Array.isArray(value)) {
        for (k = value.length - 1; k >= 0; k--) stack.push([value[k], loc.concat([k])]);
      } else if (value !== null && typeof value === "object") {
        keys = Object.keys(value);
        for (k = keys.length - 1; k >= 0; k--) {
          stack.push([value[keys[k]], loc.concat([keys[k].replace(LONE_SURROGATES, "?")])]);
          if (LONE_SURROGATE.test(keys[k])) stack.push([keys[k], loc]);
        }
      }
    }
    return null;
  }

  function parsesAsJson(text) {
    try {
      JSON.parse(text.replace(/^\ufeff/, ""));
      return true;
    } catch (error) {
      return false;
    }
  }

  /** Whether any question of the bank is asked only of some (has `ask_if`). */
  function hasConditions(bank) {
    return (bank.background || []).concat(...bank.principles.map(function (p) { return p.questions; }))
      .some(function (q) { return q.ask_if; });
  }

  /** `seniority is board or senior`: when a question is asked (answer_values._condition_text). */
  function conditionText(bank, q) {
    const named = (bank.background || []).concat(...bank.principles.map(function (p) { return p.questions; }))
      .find(function (other) { return other.id === q.ask_if.question; });
    const values = q.ask_if.any_of.map(function (v) { return typeof v === "string" ? v : gFormat(v); });
    const listed = values.length === 1 ? values[0] : say("orLast", { values: values.slice(0, -1).join(", "), last: values[values.length - 1] });
    const said = { question: q.ask_if.question, values: listed };
    return named && named.type === "multi" ? say("conditionIncludes", said) : say("conditionIs", said);
  }

  /** The response without its answers to questions not asked of this respondent, with a
      warning for each one answered (answer_values.drop_not_asked: the same rule and words). */
  function dropNotAsked(bank, sourced, warnings) {
    const response = sourced.response, asked = S.questionsAsked(bank, response);
    const byId = new Map();
    (bank.background || []).forEach(function (q) { byId.set(q.id, q); });
    bank.principles.forEach(function (p) { p.questions.forEach(function (q) { byId.set(q.id, q); }); });
    const kept = {};
    ["background", "answers"].forEach(function (section) {
      kept[section] = S.dict();
      const given = response[section] || S.dict();
      Object.keys(given).forEach(function (qid) {
        const q = byId.get(qid);
        if (asked.has(qid) || !q) kept[section][qid] = given[qid];
        else if (S.isAnswered(q, given[qid])) {
          warnings.push(say("notAsked", { source: sourced.source, question: qid, condition: conditionText(bank, q) }));
        }
      });
    });
    return { source: sourced.source, response: Object.assign({}, response, kept) };
  }

  /** One JSON response file (inputs/response_json.py, through scoring.js). */
  function readJson(bank, text, file) {
    const refused = jsonRefusal(text, file);
    if (refused) return { ok: false, responses: [], problems: [refused], warnings: [] };
    const checked = S.validateResponse(bank, text);
    const warnings = checked.warnings.map(function (w) { return file + ": " + w; });
    if (!checked.ok) {
      return { ok: false, responses: [], warnings: warnings, problems: checked.problems.map(function (p) {
        return problem(file, p.message, null, p.path);
      }) };
    }
    return { ok: true, responses: [{ source: file, response: checked.response }], problems: [], warnings: warnings };
  }

  /** The refusal of a file too large to read, decided on its size alone; null when it is fine. */
  function sizeProblem(file, size) {
    if (size <= MAX_BYTES) return null;
    return problem(file, say("tooLarge", { size: Math.ceil(size / 1e6) }));
  }

  function isSpace(b) {
    return b === 0x20 || (b >= 0x09 && b <= 0x0d);
  }

  /** What inputs/responses.py refuses before a file is parsed (or compared): a problem or null.
      A UTF-16 byte-order mark first is UTF-16 text, said so rather than "binary" (files.UTF16_BOMS). */
  function bytesProblem(file, bytes) {
    const tooLarge = sizeProblem(file, bytes.length);
    if (tooLarge) return tooLarge;
    if (!Array.prototype.some.call(bytes, function (b) { return !isSpace(b); })) return problem(file, say("fileEmpty"));
    if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
      return problem(file, say("fileUtf16"));
    }
    if (Array.prototype.indexOf.call(bytes.subarray(0, 8192), 0) >= 0) {
      return problem(file, say("fileBinary"));
    }
    return null;
  }

  /** A file that passed bytesProblem -> {ok, responses, problems, warnings}; CSV by its name.
      A file named neither .json nor .csv is read as JSON only when it is JSON text, as
      inputs/response_formats.py decides (README.md is not; JSON refused for a reason keeps that reason). */
  function parseFile(bank, file, bytes) {
    const csv = /\.csv$/i.test(file);
    const decoded = decode(bytes, file, csv);
    const other = !csv && !/\.json$/i.test(file);
    if (other && (decoded.problem || !parsesAsJson(decoded.text))) {
      return { ok: false, responses: [], problems: [problem(file, say("notAnswerFile"))], warnings: [] };
    }
    if (decoded.problem) return { ok: false, responses: [], problems: [decoded.problem], warnings: [] };
    const result = csv ? CSV.readCsv(bank, decoded.text, file) : readJson(bank, decoded.text, file);
    if (decoded.warning) result.warnings.unshift(decoded.warning);
    carriedBy(result, csv);
    if (hasConditions(bank)) result.responses = result.responses.map(function (r) { return dropNotAsked(bank, r, result.warnings); });
    return result;
  }

  /** What a read file says of its round (inputs/rounds.py), noted before answers not asked are
      dropped: `carried`, the question ids under `answers` (even null; a CSV file's columns), and
      `version`, the bank version a JSON file names (null for CSV, which names none). */
  function carriedBy(result, csv) {
    const carried = new Set();
    result.responses.forEach(function (r) { Object.keys(r.response.answers || {}).forEach(function (id) { carried.add(id); }); });
    result.carried = Array.from(carried);
    result.version = csv || !result.responses.length ? null : result.responses[0].response.questionnaire.version;
  }

  /** One file's bytes -> {ok, responses, problems, warnings}. */
  function readFile(bank, file, bytes) {
    const refused = bytesProblem(file, bytes);
    return refused ? { ok: false, responses: [], problems: [refused], warnings: [] } : parseFile(bank, file, bytes);
  }

  /** A string that is equal for two files exactly when their bytes are (windows-1252 maps
      every byte to its own character), so a Map finds duplicates at native speed. */
  function contentKey(bytes) {
    return new TextDecoder("windows-1252").decode(bytes);
  }

  /**
   * Every file in turn, as inputs/responses.py load_responses(..., skip_invalid=True) reads them. `files` is
   * [{name, size, bytes}]: `bytes` a Uint8Array, or null for a file refused on its size unread.
   * Returns {responses, files: [{name, status: "read"|"duplicate"|"rejected", respondents,
   * problems, sameAs, carried, version}], warnings} (carried and version: carriedBy's).
   */
  function collect(bank, files) {
    const responses = [], report = [], warnings = [], seen = new Map();
    files.forEach(function (f) {
      const entry = { name: f.name, status: "rejected", respondents: 0, problems: [], sameAs: null, carried: [], version: null };
      report.push(entry);
      const refused = f.bytes ? bytesProblem(f.name, f.bytes) : sizeProblem(f.name, f.size);
      if (refused || !f.bytes) {
        entry.problems = [refused || problem(f.name, say("cannotRead"))];
        return;
      }
      const key = contentKey(f.bytes);
      if (seen.has(key)) {
        entry.status = "duplicate";
        entry.sameAs = seen.get(key);
        warnings.push(say("sameContent", { file: f.name, other: entry.sameAs }));
        return;
      }
      seen.set(key, f.name);
      const result = parseFile(bank, f.name, f.bytes);
      warnings.push.apply(warnings, result.warnings);
      entry.problems = result.problems;
      if (result.ok) {
        entry.status = "read";
        entry.respondents = result.responses.length;
        entry.carried = result.carried;
        entry.version = result.version;
        responses.push.apply(responses, result.responses);
      }
    });
    return { responses: responses, files: report, warnings: warnings.concat(repeatedRespondents(responses)) };
  }

  /**
   * A warning for each respondent (the same organisation, role and name) who answers more than
   * once, naming where; every answer is still counted (load.repeated_respondents: the same rule
   * and words). Answers without a name are not compared, and the name is not repeated.
   */
  function repeatedRespondents(responses) {
    const seen = new Map();
    responses.forEach(function (r) {
      const who = r.response.respondent || {};
      const name = strip(who.name || "");
      if (!name) return;
      const organisation = S.organisationOf(who.organisation), role = strip(who.role || "");
      const key = JSON.stringify([organisation, role, name]);
      if (!seen.has(key)) seen.set(key, { organisation: organisation, role: role, sources: [] });
      seen.get(key).sources.push(r.source);
    });
    const out = [];
    seen.forEach(function (entry) {
      if (entry.sources.length < 2) return;
      out.push(say("sameRespondent", { sources: entry.sources.join(", "), organisation: entry.organisation,
        role: entry.role || say("noRole"), count: entry.sources.length }));
    });
    return out;
  }

  /** Picked or dropped files' bytes, `{name, size, bytes}` each, in the order given: a file over
      the size limit, or one the browser cannot read, keeps `bytes: null` (collect reports it). */
  function readPicked(list) {
    return Promise.all(Array.from(list || []).map(async function (file) {
      const entry = { name: file.name, size: file.size, bytes: null };
      if (file.size > MAX_BYTES) return entry;
      try {
        entry.bytes = new Uint8Array(await file.arrayBuffer());
      } catch (error) {
        entry.bytes = null;  // reported as "cannot be read"
      }
      return entry;
    }));
  }

  root.SelfassessResponses = {
    MAX_BYTES,
    csvRows: CSV.csvRows,
    csvDelimiter: CSV.csvDelimiter,
    readCsv: CSV.readCsv,
    readFile,
    readPicked,
    decode,  // and jsonRefusal: workshop.js reads its files with the same guards
    jsonRefusal,
    sizeProblem,
    collect,
    combinedCsv: CSV.combinedCsv,
    textCell: CSV.textCell,
    csvCell: CSV.csvCell,
    problemText
  };
})(globalThis);
