/* selfassess response files: bytes -> validated responses, refusing what `selfassess score`
   refuses with the same messages (mirrors load.py: _read_response_bytes, parse_responses_csv,
   load_responses). Pure: no DOM, no clock, no storage; JSON files go through
   SelfassessScoring.validateResponse (scoring.js, loaded first), CSV files through the reader
   below, which follows Python's csv module (excel dialect) character by character.
   Problems are {file, line, path, message}; problemText() prints them as the CLI does. */
(function (root) {
  "use strict";

  var S = root.SelfassessScoring;
  var MAX_BYTES = 50000000;  // "50 MB", the unit the messages use (responses_input.MAX_RESPONSE_BYTES)
  var RESERVED = ["organisation", "role", "name"];
  // Python's str.strip() whitespace (the cells and header names are stripped with it).
  var PY_SPACE = "[\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+";
  var STRIP = new RegExp("^" + PY_SPACE + "|" + PY_SPACE + "$", "g");
  // Python's float() grammar for decimal text (underscores between digits allowed).
  var DIGITS = "\\d(?:_?\\d)*";
  var FLOAT = new RegExp("^[+-]?(?:(?:" + DIGITS + ")?\\." + DIGITS + "|" + DIGITS + "\\.?)(?:[eE][+-]?" + DIGITS + ")?$");
  var NOT_FINITE = /^[+-]?(?:inf|infinity|nan)$/i;
  var DECIMAL_DIGIT = /\p{Nd}/gu;
  var IS_DECIMAL_DIGIT = /^\p{Nd}$/u;

  /** The value of a Unicode decimal digit (category Nd). Unicode assigns them in runs of ten,
      0 to 9, so the value is the count of digits before it in its run, modulo ten. */
  function digitValue(c) {
    var code = c.codePointAt(0), before = 0;
    while (IS_DECIMAL_DIGIT.test(String.fromCodePoint(code - before - 1))) before++;
    return before % 10;
  }

  /** Every decimal digit as its ASCII digit, as Python's float() reads them: fullwidth (３),
      Arabic-Indic (٣), Devanagari (३) and the rest are numbers in both readers. */
  function asciiDigits(text) {
    return text.replace(DECIMAL_DIGIT, function (c) { return String(digitValue(c)); });
  }

  function strip(text) {
    return text.replace(STRIP, "");
  }

  function has(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  function problem(file, message, line, path) {
    return { file: file, message: message, line: line === undefined ? null : line, path: path || "" };
  }

  /** errors.cut_short: at most `limit` characters (code points, as Python counts them). */
  function cutShort(text, limit) {
    if (text.length <= limit) return text;
    var chars = Array.from(text);
    return chars.length <= limit ? text : chars.slice(0, limit).join("") + "... (cut short)";
  }

  /** `file:line: message (at path)`, exactly as errors.Problem prints, cut as it cuts. */
  function problemText(p) {
    var where = p.line === null || p.line === undefined ? p.file : p.file + ":" + p.line;
    return where + ": " + cutShort(p.message, 1000) + (p.path ? " (at " + cutShort(p.path, 200) + ")" : "");
  }

  /** Python's repr() of a string: the quotes it picks and the escapes it writes. */
  function pyRepr(text) {
    var quote = text.indexOf("'") >= 0 && text.indexOf('"') < 0 ? '"' : "'";
    var out = "";
    Array.from(text).forEach(function (c) {
      var code = c.codePointAt(0);
      if (c === quote || c === "\\") out += "\\" + c;
      else if (c === "\n") out += "\\n";
      else if (c === "\r") out += "\\r";
      else if (c === "\t") out += "\\t";
      else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += "\\x" + code.toString(16).padStart(2, "0");
      else out += c;
    });
    return quote + out + quote;
  }

  /** Python's f"{value:g}": six significant digits, trailing zeros dropped. */
  function gFormat(value) {
    if (value === 0) return "0";
    var exponent = Number(value.toExponential(5).split("e")[1]);
    if (exponent < -4 || exponent >= 6) {
      var parts = value.toExponential(5).split("e");
      var mantissa = parts[0].indexOf(".") >= 0 ? parts[0].replace(/\.?0+$/, "") : parts[0];
      var power = Math.abs(exponent);
      return mantissa + "e" + (exponent < 0 ? "-" : "+") + (power < 10 ? "0" : "") + power;
    }
    var fixed = value.toFixed(Math.max(0, 5 - exponent));
    return fixed.indexOf(".") >= 0 ? fixed.replace(/\.?0+$/, "") : fixed;
  }

  function scaleText(scale) {
    return scale.map(function (o) {
      return o.value === null ? o.label + " (empty)" : gFormat(o.value) + " " + o.label;
    }).join(", ");
  }

  /** Offset of the first byte that is not valid UTF-8 (as Python reports it), or -1. */
  function badUtf8Offset(bytes) {
    var i = 0, n = bytes.length;
    while (i < n) {
      var b = bytes[i];
      if (b < 0x80) { i++; continue; }
      var length, low = 0x80, high = 0xbf;
      if (b >= 0xc2 && b <= 0xdf) length = 2;
      else if (b >= 0xe0 && b <= 0xef) { length = 3; if (b === 0xe0) low = 0xa0; if (b === 0xed) high = 0x9f; }
      else if (b >= 0xf0 && b <= 0xf4) { length = 4; if (b === 0xf0) low = 0x90; if (b === 0xf4) high = 0x8f; }
      else return i;
      for (var k = 1; k < length; k++) {
        var c = i + k < n ? bytes[i + k] : -1;
        if (c < (k === 1 ? low : 0x80) || c > (k === 1 ? high : 0xbf)) return i;
      }
      i += length;
    }
    return -1;
  }

  // Windows-1252's 0x80-0x9F (the rest is Latin-1), as the WHATWG Encoding Standard and
  // load._WINDOWS_1252 have them: the five undefined bytes are the C1 controls of the same number.
  var CP1252 = "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
    "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

  /** Bytes -> Windows-1252 text, by our own table: Node's TextDecoder("windows-1252") decodes
      Latin-1 instead, and the page must read a file as node and Python do. */
  function windows1252(bytes) {
    var parts = [];
    for (var i = 0; i < bytes.length; i += 8192) {
      parts.push(String.fromCharCode.apply(null, bytes.subarray(i, i + 8192)));
    }
    return parts.join("").replace(/[\x80-\x9f]/g, function (c) { return CP1252[c.charCodeAt(0) - 0x80]; });
  }

  /** Bytes -> text as Python's bytes.decode("utf-8-sig"), or a problem. A CSV file that is not
      UTF-8 is read as Windows-1252 with a warning instead (responses_input.decode_csv, the same words). */
  function decode(bytes, file, csv) {
    var start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    var bad = badUtf8Offset(start ? bytes.subarray(start) : bytes);
    if (bad >= 0 && csv) {
      return { text: windows1252(bytes), warning: file + ": is not UTF-8 text (bad byte at offset " +
        bad + "), so it was read as Windows-1252, as Excel's \"CSV (Comma delimited)\" saves it; check accented names, " +
        "or save it as \"CSV UTF-8\" instead" };
    }
    if (bad >= 0) return { problem: problem(file, "is not UTF-8 text (bad byte at offset " + bad + ")") };
    return { text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(start ? bytes.subarray(start) : bytes) };
  }

  /** `;` when the header (the first line with anything but commas, semicolons, spaces and tabs)
      has a semicolon and no comma, as many European Excels save a CSV; else `,` (responses_input.csv_delimiter). */
  function csvDelimiter(text) {
    var line, lines = /[^\r\n]+/g;
    while ((line = lines.exec(text)) !== null) {
      if (/[^ \t,;]/.test(line[0])) return line[0].indexOf(";") >= 0 && line[0].indexOf(",") < 0 ? ";" : ",";
    }
    return ",";
  }

  var FIELD_LIMIT = 131072;  // csv.field_size_limit()'s default
  var EOL = null;

  /**
   * Rows of a CSV text, as Python's csv.reader(io.StringIO(text, newline=""), delimiter=...)
   * gives them: the states of CPython's _csv.c for the excel dialect (not strict), the delimiter
   * "," unless given. Throws Error(csv.Error text).
   */
  function csvRows(text, delimiter) {
    var comma = delimiter || ",";
    var rows = [], fields = [], field = "", length = 0, state = "record";
    function save() { fields.push(field); field = ""; length = 0; }
    function add(c) {
      var code = c.charCodeAt(0);
      if (code < 0xdc00 || code > 0xdfff) length++;  // Python counts code points
      if (length > FIELD_LIMIT) throw new Error("field larger than field limit (" + FIELD_LIMIT + ")");
      field += c;
    }
    function endOf(c) { return c === EOL ? "record" : "crnl"; }
    function step(c) {
      var newline = c === "\n" || c === "\r";
      if (state === "record") {
        if (c === EOL) return;
        if (newline) { state = "crnl"; return; }
        state = "start";
      }
      if (state === "start") {
        if (newline || c === EOL) { save(); state = endOf(c); }
        else if (c === '"') state = "quoted";
        else if (c === comma) save();
        else { add(c); state = "field"; }
      } else if (state === "field") {
        if (newline || c === EOL) { save(); state = endOf(c); }
        else if (c === comma) { save(); state = "start"; }
        else add(c);
      } else if (state === "quoted") {
        if (c === '"') state = "quote";
        else if (c !== EOL) add(c);
      } else if (state === "quote") {
        if (c === '"') { add(c); state = "quoted"; }
        else if (c === comma) { save(); state = "start"; }
        else if (newline || c === EOL) { save(); state = endOf(c); }
        else { add(c); state = "field"; }
      } else if (c === EOL) {
        state = "record";
      } else if (!newline) {
        throw new Error("new-line character seen in unquoted field - do you need to open the file with newline=''?");
      }
    }
    // Lines end at "\r\n", "\r" or "\n" (universal newlines, kept as they are).
    var lines = text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) || [];
    lines.forEach(function (line) {
      for (var i = 0; i < line.length; i++) step(line[i]);
      step(EOL);
      if (state === "record") { rows.push(fields); fields = []; }
    });
    if (state === "quoted") { save(); rows.push(fields); }  // end of data in quotes: keep it
    return rows;
  }

  /** (understood?, value) for one CSV cell: a scale value or a label, any case. */
  function cellValue(cell, scale) {
    var text = strip(cell);
    if (!text) return [true, null];
    var digits = asciiDigits(text);
    if (FLOAT.test(digits)) {
      var value = Number(digits.replace(/_/g, ""));
      for (var k = 0; k < scale.length; k++) {
        if (scale[k].value !== null && scale[k].value === value) return [true, scale[k].value];
      }
      return [false, null];
    }
    if (NOT_FINITE.test(text)) return [false, null];  // a number, and on no scale
    var wanted = fold(text);
    for (var j = 0; j < scale.length; j++) {
      if (fold(strip(scale[j].label)) === wanted) return [true, scale[j].value];
    }
    return [false, null];
  }

  /** Python's str.casefold() as far as matching goes: two texts fold alike exactly when they
      do in Python, for every character of Unicode 14 (checked character by character). Lower
      first, so capital ẞ folds to ss as ß does; upper then lower folds the rest (ς and σ, ﬃ and
      ffi); dotless ı is kept apart, since casefold() leaves it and upper-casing makes it I. */
  function fold(text) {
    return text.split("\u0131").map(function (part) {
      return part.toLowerCase().toUpperCase().toLowerCase();
    }).join("\u0131");
  }

  function questionsOf(bank) {
    var questions = S.dict();
    bank.principles.forEach(function (p) { p.questions.forEach(function (q) { questions[q.id] = q; }); });
    return questions;
  }

  /**
   * One CSV file of respondents (mirrors load.parse_responses_csv). Returns {ok, responses:
   * [{source: "file#N", response}], problems, warnings}; a file with any bad cell yields none.
   */
  function readCsv(bank, text, file) {
    var warnings = [];
    function refuse(message, line) {
      return { ok: false, responses: [], problems: [problem(file, message, line)], warnings: warnings };
    }
    var rows;
    try {
      rows = csvRows(text, csvDelimiter(text));
    } catch (error) {
      return refuse("not CSV: " + error.message);
    }
    rows = rows.filter(function (row) { return row.some(function (cell) { return strip(cell); }); });
    if (!rows.length) return refuse("is empty; expected a header row and one row per respondent");
    var header = rows[0].map(strip);
    var questions = questionsOf(bank);
    var columns = [];
    header.forEach(function (name, i) {
      if (has(questions, name) || RESERVED.indexOf(name) >= 0) columns.push([i, name]);
    });
    if (!columns.some(function (c) { return has(questions, c[1]); })) {
      return refuse("header names none of " + bank.id + "'s question ids (found: " +
        Array.from(header.join(", ")).slice(0, 80).join("") + ")", 1);
    }
    var count = new Map();
    header.forEach(function (name) { count.set(name, (count.get(name) || 0) + 1); });
    var duplicates = columns.filter(function (c) { return count.get(c[1]) > 1; }).map(function (c) { return c[1]; });
    if (duplicates.length) {
      duplicates.sort(function (a, b) { return a < b ? -1 : a > b ? 1 : 0; });
      return refuse("column " + duplicates[0] + " appears twice in the header", 1);
    }
    var ignored = header.filter(function (name) { return name && !has(questions, name) && RESERVED.indexOf(name) < 0; });
    if (ignored.length) warnings.push(file + ": columns that match no question ignored: " + ignored.join(", "));
    var responses = [], problems = [];
    rows.slice(1).forEach(function (row, index) {
      var number = index + 1, line = number + 1;
      var respondent = { organisation: null, role: null, name: null }, answers = S.dict();
      columns.forEach(function (column) {
        var i = column[0], name = column[1];
        var cell = i < row.length ? row[i] : "";
        if (RESERVED.indexOf(name) >= 0) {
          respondent[name] = strip(cell) || null;
          return;
        }
        var scale = S.scaleOf(bank, questions[name]);
        var understood = cellValue(cell, scale);
        if (!understood[0]) {
          problems.push(problem(file, "row " + number + ", column " + name + ": " + pyRepr(strip(cell)) +
            " is neither a value nor a label of the scale (" + scaleText(scale) + ")", line));
        }
        answers[name] = understood[1];
      });
      responses.push({ source: file + "#" + number, response: {
        format: S.FORMAT, questionnaire: { id: bank.id, version: bank.version }, respondent: respondent,
        completed_at: null, answers: answers, comments: S.dict() } });
    });
    if (problems.length) return { ok: false, responses: [], problems: problems, warnings: warnings };
    if (!responses.length) return refuse("has a header but no respondents");
    return { ok: true, responses: responses, problems: [], warnings: warnings };
  }

  // What json_input.parse_json_document refuses in JSON that parses (same bounds, same words).
  var MAX_NUMBER_CHARS = 32, MAX_JSON_DEPTH = 100;
  var NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  var LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
  var LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, "g");
  var SURROGATE = "refused: text holds a lone UTF-16 surrogate (\\ud800-\\udfff escape)";

  function thousands(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }

  /** load._shown_id: Python's repr of the text, cut to 60 characters. */
  function shownId(text) {
    var chars = Array.from(text);
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
    var doc;
    text = text.replace(/^\ufeff/, "");
    try { doc = JSON.parse(text); } catch (error) { return null; }  // validateResponse says why
    var frames = [], i = 0, frame, token;
    while (i < text.length) {
      var c = text[i];
      frame = frames[frames.length - 1];
      if (c === '"') {
        var end = i + 1;
        while (text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
        if (frame && frame.expectKey) {
          var key = JSON.parse(text.slice(i, end + 1));
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
          return problem(file, "refused: the key " + shownId(frame.twice) + " appears twice in one object");
        }
        i += 1;
      } else if (c === "-" || (c >= "0" && c <= "9")) {
        NUMBER.lastIndex = i;
        token = NUMBER.exec(text)[0];
        if (token.length > MAX_NUMBER_CHARS) {
          return problem(file, "refused: a number " + thousands(token.length) + " characters long (" +
            token.slice(0, 12) + "...); numbers may be at most " + MAX_NUMBER_CHARS + " characters");
        }
        if (/[.eE]/.test(token) && !isFinite(Number(token))) {
          return problem(file, "refused: the number " + token + " is too large");
        }
        i += token.length;
      } else {
        if (c === "," && frame) frame.expectKey = true;
        i += 1;
      }
    }
    var stack = [[doc, 0]], item, k, keys;
    while (stack.length) {
      item = stack.pop();
      if (item[1] > MAX_JSON_DEPTH) return problem(file, "refused: nested more than " + MAX_JSON_DEPTH + " levels deep");
      if (item[0] !== null && typeof item[0] === "object") {
        Object.values(item[0]).forEach(function (value) { stack.push([value, item[1] + 1]); });
      }
    }
    stack = [[doc, []]];
    while (stack.length) {
      item = stack.pop();
      var value = item[0], loc = item[1];
      if (typeof value === "string") {
        if (LONE_SURROGATE.test(value)) return problem(file, SURROGATE, null, formatLocation(loc) || "(the document)");
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

  /** One JSON response file (responses_input.parse_response_json, through scoring.js). */
  function readJson(bank, text, file) {
    var refused = jsonRefusal(text, file);
    if (refused) return { ok: false, responses: [], problems: [refused], warnings: [] };
    var checked = S.validateResponse(bank, text);
    var warnings = checked.warnings.map(function (w) { return file + ": " + w; });
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
    return problem(file, "is " + Math.ceil(size / 1e6) + " MB; a response file may be at most 50 MB");
  }

  function isSpace(b) {
    return b === 0x20 || (b >= 0x09 && b <= 0x0d);
  }

  /** What responses_input._read_response_bytes refuses before a file is parsed (or compared): a problem or null.
      A UTF-16 byte-order mark first is UTF-16 text, said so rather than "binary" (files.UTF16_BOMS). */
  function bytesProblem(file, bytes) {
    var tooLarge = sizeProblem(file, bytes.length);
    if (tooLarge) return tooLarge;
    if (!Array.prototype.some.call(bytes, function (b) { return !isSpace(b); })) return problem(file, "is empty; expected a response file");
    if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
      return problem(file, "is UTF-16 text, not UTF-8; save it as UTF-8 (in Excel: \"CSV UTF-8 (Comma delimited)\")");
    }
    if (Array.prototype.indexOf.call(bytes.subarray(0, 8192), 0) >= 0) {
      return problem(file, "is a binary file, not a response file");
    }
    return null;
  }

  var NOT_AN_ANSWER_FILE = "is not a JSON or CSV answer file";  // responses_input.NOT_AN_ANSWER_FILE

  /** A file that passed bytesProblem -> {ok, responses, problems, warnings}; CSV by its name.
      A file named neither .json nor .csv is read as JSON only when it is JSON text, as
      responses_input._check_is_json decides (README.md is not; JSON refused for a reason keeps that reason). */
  function parseFile(bank, file, bytes) {
    var csv = /\.csv$/i.test(file);
    var decoded = decode(bytes, file, csv);
    var other = !csv && !/\.json$/i.test(file);
    if (other && (decoded.problem || !parsesAsJson(decoded.text))) {
      return { ok: false, responses: [], problems: [problem(file, NOT_AN_ANSWER_FILE)], warnings: [] };
    }
    if (decoded.problem) return { ok: false, responses: [], problems: [decoded.problem], warnings: [] };
    var result = csv ? readCsv(bank, decoded.text, file) : readJson(bank, decoded.text, file);
    if (decoded.warning) result.warnings.unshift(decoded.warning);
    return result;
  }

  /** One file's bytes -> {ok, responses, problems, warnings}. */
  function readFile(bank, file, bytes) {
    var refused = bytesProblem(file, bytes);
    return refused ? { ok: false, responses: [], problems: [refused], warnings: [] } : parseFile(bank, file, bytes);
  }

  /** A string that is equal for two files exactly when their bytes are (windows-1252 maps
      every byte to its own character), so a Map finds duplicates at native speed. */
  function contentKey(bytes) {
    return new TextDecoder("windows-1252").decode(bytes);
  }

  /**
   * Every file in turn, as responses_input.load_responses(..., skip_invalid=True) reads them. `files` is
   * [{name, size, bytes}]: `bytes` a Uint8Array, or null for a file refused on its size unread.
   * Returns {responses, files: [{name, status: "read"|"duplicate"|"rejected", respondents,
   * problems, sameAs}], warnings}.
   */
  function collect(bank, files) {
    var responses = [], report = [], warnings = [], seen = new Map();
    files.forEach(function (f) {
      var entry = { name: f.name, status: "rejected", respondents: 0, problems: [], sameAs: null };
      report.push(entry);
      var refused = f.bytes ? bytesProblem(f.name, f.bytes) : sizeProblem(f.name, f.size);
      if (refused || !f.bytes) {
        entry.problems = [refused || problem(f.name, "cannot be read")];
        return;
      }
      var key = contentKey(f.bytes);
      if (seen.has(key)) {
        entry.status = "duplicate";
        entry.sameAs = seen.get(key);
        warnings.push(f.name + ": same content as " + entry.sameAs + "; counted once");
        return;
      }
      seen.set(key, f.name);
      var result = parseFile(bank, f.name, f.bytes);
      warnings.push.apply(warnings, result.warnings);
      entry.problems = result.problems;
      if (result.ok) {
        entry.status = "read";
        entry.respondents = result.responses.length;
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
    var seen = new Map();
    responses.forEach(function (r) {
      var who = r.response.respondent || {};
      var name = strip(who.name || "");
      if (!name) return;
      var organisation = S.organisationOf(who.organisation), role = strip(who.role || "");
      var key = JSON.stringify([organisation, role, name]);
      if (!seen.has(key)) seen.set(key, { organisation: organisation, role: role, sources: [] });
      seen.get(key).sources.push(r.source);
    });
    var out = [];
    seen.forEach(function (entry) {
      if (entry.sources.length < 2) return;
      out.push(entry.sources.join(", ") + ": the same respondent (" + entry.organisation + ", " +
        (entry.role || "no role") + ", the same name) answers " + entry.sources.length + " times, and every answer is " +
        "counted; if one is from an earlier round, give that round with `selfassess report --baseline`");
    });
    return out;
  }

  // ------------------------------------------------------------------ the combined CSV

  /** A cell as formats.csv_field writes it: quoted when it holds a comma, a double quote, a
      semicolon, a tab or a line break (a spreadsheet splitting at `;` finds no cell, and no
      formula, inside one), pinned by tests/vectors/spreadsheet-text.json. */
  function csvCell(value) {
    var text = value === null || value === undefined ? "" : String(value);
    return /[",;\t\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  /** Text a spreadsheet would run as a formula (=, +, -, @, tab or CR first) is kept as text with
      a leading apostrophe: formats.spreadsheet_text's rule, pinned by tests/vectors/spreadsheet-text.json. */
  function textCell(value) {
    var text = value === null || value === undefined ? "" : String(value);
    return /^[=+\-@\t\r]/.test(text) ? "'" + text : text;
  }

  /**
   * One row per respondent: who, every answer (scale values; empty = unanswered) and the
   * unrounded principle and overall scores. The header starts organisation, role, name and the
   * question ids, so `selfassess score` and this page read the file back (the score columns,
   * whose names hold a space no id can have, are ignored with a warning).
   */
  function combinedCsv(bank, responses, result) {
    var qids = [], pids = bank.principles.map(function (p) { return p.id; });
    bank.principles.forEach(function (p) { p.questions.forEach(function (q) { qids.push(q.id); }); });
    var header = ["organisation", "role", "name"].concat(qids)
      .concat(pids.map(function (pid) { return "score " + pid; }))
      .concat(["score overall", "overall level", "questions answered", "questions total", "source file"]);
    var lines = [header.map(csvCell).join(",")];
    responses.forEach(function (r, i) {
      var scored = result.respondents[i];
      var answers = r.response.answers || S.dict();
      var name = strip((r.response.respondent || {}).name || "") || null;
      var row = [textCell(scored.organisation), textCell(scored.role), textCell(name)]
        .concat(qids.map(function (qid) { return has(answers, qid) ? answers[qid] : null; }))
        .concat(pids.map(function (pid) { return scored.principles[pid]; }))
        .concat([scored.overall, scored.level, scored.answered, scored.total, textCell(scored.source)]);
      lines.push(row.map(csvCell).join(","));
    });
    return "\ufeff" + lines.join("\r\n") + "\r\n";
  }

  root.SelfassessResponses = {
    MAX_BYTES: MAX_BYTES,
    csvRows: csvRows,
    csvDelimiter: csvDelimiter,
    readCsv: readCsv,
    readFile: readFile,
    sizeProblem: sizeProblem,
    collect: collect,
    combinedCsv: combinedCsv,
    textCell: textCell,
    csvCell: csvCell,
    problemText: problemText
  };
})(globalThis);
