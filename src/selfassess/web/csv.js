/* selfassess CSV: answer files as CSV (mirrors inputs/response_csv.py, the same
   refusals in the same words) and the partnership page's combined CSV (formats.csv_field's rules).
   The reader follows Python's csv module (excel dialect) character by character. Pure: no DOM,
   no clock, no storage; scoring.js and python-text.js load first. */
(function (root) {
  "use strict";
  const say = root.SelfassessMessages;  // the words, by key (pages/answer_file_messages.py)

  const S = root.SelfassessScoring;
  const { strip, has, problem, pyRepr, scaleText, asciiDigits, FLOAT, NOT_FINITE } = root.SelfassessPyText;
  const RESERVED = ["organisation", "role", "name"];

  /** `;` when the header (the first line with anything but commas, semicolons, spaces and tabs)
      has a semicolon and no comma, as many European Excels save a CSV; else `,` (inputs/response_csv.py csv_delimiter). */
  function csvDelimiter(text) {
    let line; const lines = /[^\r\n]+/g;
    while ((line = lines.exec(text)) !== null) {
      if (/[^ \t,;]/.test(line[0])) return line[0].indexOf(";") >= 0 && line[0].indexOf(",") < 0 ? ";" : ",";
    }
    return ",";
  }

  const FIELD_LIMIT = 131072;  // csv.field_size_limit()'s default
  const EOL = null;

  /**
   * Rows of a CSV text, as Python's csv.reader(io.StringIO(text, newline=""), delimiter=...)
   * gives them: the states of CPython's _csv.c for the excel dialect (not strict), the delimiter
   * "," unless given. Throws Error(csv.Error text).
   */
  function csvRows(text, delimiter) {
    const comma = delimiter || ",";
    const rows = []; let fields = [], field = "", length = 0, state = "record";
    function save() { fields.push(field); field = ""; length = 0; }
    function add(c) {
      const code = c.charCodeAt(0);
      if (code < 0xdc00 || code > 0xdfff) length++;  // Python counts code points
      if (length > FIELD_LIMIT) throw new Error(say("fieldLimit", { limit: FIELD_LIMIT }));
      field += c;
    }
    function endOf(c) { return c === EOL ? "record" : "crnl"; }
    function step(c) {
      const newline = c === "\n" || c === "\r";
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
        throw new Error(say("newlineInField"));
      }
    }
    // Lines end at "\r\n", "\r" or "\n" (universal newlines, kept as they are).
    const lines = text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) || [];
    lines.forEach(function (line) {
      for (let i = 0; i < line.length; i++) step(line[i]);
      step(EOL);
      if (state === "record") { rows.push(fields); fields = []; }
    });
    if (state === "quoted") { save(); rows.push(fields); }  // end of data in quotes: keep it
    return rows;
  }

  /** (understood?, value) for one CSV cell: a scale value or a label, any case. */
  function cellValue(cell, scale) {
    const text = strip(cell);
    if (!text) return [true, null];
    const digits = asciiDigits(text);
    if (FLOAT.test(digits)) {
      const value = Number(digits.replace(/_/g, ""));
      for (let k = 0; k < scale.length; k++) {
        if (scale[k].value !== null && scale[k].value === value) return [true, scale[k].value];
      }
      return [false, null];
    }
    if (NOT_FINITE.test(text)) return [false, null];  // a number, and on no scale
    const wanted = fold(text);
    for (let j = 0; j < scale.length; j++) {
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

  /** Every question of the bank by id (background ones too), in a prototype-free map. */
  function questionsOf(bank) {
    const questions = S.dict();
    (bank.background || []).forEach(function (q) { questions[q.id] = q; });
    bank.principles.forEach(function (p) { p.questions.forEach(function (q) { questions[q.id] = q; }); });
    return questions;
  }

  const SHAPES = { choice: "option", multi: "options", text: "text" };

  /** The option a cell's text names: its id exactly, else its id or label in any case
      (response_csv._option_of). */
  function optionOf(text, q) {
    const options = q.options || [];
    if (options.some(function (o) { return o.id === text; })) return text;
    const wanted = fold(text);
    for (let k = 0; k < options.length; k++) {
      if (fold(options[k].id) === wanted || fold(strip(options[k].label)) === wanted) return options[k].id;
    }
    return null;
  }

  /** [answer, text no option matches] for a choice, multi or text cell (response_csv._typed_cell). */
  function typedCell(cell, q) {
    const shape = SHAPES[q.type];
    if (!strip(cell)) return [null, null];
    if (shape === "text") return [cell, null];
    const parts = shape === "option" ? [strip(cell)] : cell.split(";");
    const chosen = [];
    for (let k = 0; k < parts.length; k++) {
      const part = strip(parts[k]);
      const option = part ? optionOf(part, q) : null;
      if (part && option === null) return [null, part];
      if (option !== null && chosen.indexOf(option) < 0) chosen.push(option);
    }
    return [shape === "option" ? chosen[0] : chosen, null];
  }

  /** [answer, problem or null] for one cell of a question's column (response_csv._row_cell). */
  function rowCell(bank, cell, q) {
    if (!SHAPES[q.type || "scale"]) {
      const scale = S.scaleOf(bank, q), understood = cellValue(cell, scale);
      if (understood[0]) return [understood[1], null];
      return [understood[1], say("notOnScaleCell", { value: pyRepr(strip(cell)), scale: scaleText(scale) })];
    }
    const typed = typedCell(cell, q);
    if (typed[1] === null) return [typed[0], null];
    const options = (q.options || []).map(function (o) { return o.id + " " + o.label; }).join(", ");
    return [null, say("notAnOption", { value: pyRepr(typed[1]), question: q.id, options: options })];
  }

  /**
   * One CSV file of respondents (mirrors load.parse_responses_csv). Returns {ok, responses:
   * [{source: "file#N", response}], problems, warnings}; a file with any bad cell yields none.
   */
  function readCsv(bank, text, file) {
    const warnings = [];
    function refuse(message, line) {
      return { ok: false, responses: [], problems: [problem(file, message, line)], warnings: warnings };
    }
    let rows;
    try {
      rows = csvRows(text, csvDelimiter(text));
    } catch (error) {
      return refuse(say("notCsv", { error: error.message }));
    }
    rows = rows.filter(function (row) { return row.some(function (cell) { return strip(cell); }); });
    if (!rows.length) return refuse(say("csvEmpty"));
    const header = rows[0].map(strip);
    const questions = questionsOf(bank);
    const columns = [];
    header.forEach(function (name, i) {
      if (has(questions, name) || RESERVED.indexOf(name) >= 0) columns.push([i, name]);
    });
    if (!columns.some(function (c) { return has(questions, c[1]); })) {
      return refuse(say("noQuestionIds", { bank: bank.id, found: Array.from(header.join(", ")).slice(0, 80).join("") }), 1);
    }
    const count = new Map();
    header.forEach(function (name) { count.set(name, (count.get(name) || 0) + 1); });
    const duplicates = columns.filter(function (c) { return count.get(c[1]) > 1; }).map(function (c) { return c[1]; });
    if (duplicates.length) {
      duplicates.sort(function (a, b) { return a < b ? -1 : a > b ? 1 : 0; });
      return refuse(say("columnTwice", { column: duplicates[0] }), 1);
    }
    const ignored = header.filter(function (name) { return name && !has(questions, name) && RESERVED.indexOf(name) < 0; });
    if (ignored.length) warnings.push(say("columnsIgnored", { file, columns: ignored.join(", ") }));
    const responses = [], problems = [];
    const background = new Set((bank.background || []).map(function (q) { return q.id; }));
    rows.slice(1).forEach(function (row, index) {
      const number = index + 1, line = number + 1;
      const respondent = { organisation: null, role: null, name: null };
      const sections = { background: S.dict(), answers: S.dict() };
      columns.forEach(function (column) {
        const i = column[0], name = column[1];
        const cell = i < row.length ? row[i] : "";
        if (RESERVED.indexOf(name) >= 0) {
          respondent[name] = strip(cell) || null;
          return;
        }
        const read = rowCell(bank, cell, questions[name]);
        if (read[1] !== null) problems.push(problem(file, say("rowCell", { row: number, column: name, problem: read[1] }), line));
        sections[background.has(name) ? "background" : "answers"][name] = read[0];
      });
      responses.push({ source: file + "#" + number, response: {
        format: S.FORMAT, questionnaire: { id: bank.id, version: bank.version }, respondent: respondent,
        completed_at: null, background: sections.background, answers: sections.answers, comments: S.dict() } });
    });
    if (problems.length) return { ok: false, responses: [], problems: problems, warnings: warnings };
    if (!responses.length) return refuse(say("noRespondents"));
    return { ok: true, responses: responses, problems: [], warnings: warnings };
  }


  /** A cell as formats.csv_field writes it: quoted when it holds a comma, a double quote, a
      semicolon, a tab or a line break (a spreadsheet splitting at `;` finds no cell, and no
      formula, inside one), pinned by tests/vectors/spreadsheet-text.json. */
  function csvCell(value) {
    const text = value === null || value === undefined ? "" : String(value);
    return /[",;\t\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  /** Text a spreadsheet would run as a formula (=, +, -, @, tab or CR first) is kept as text with
      a leading apostrophe: formats.spreadsheet_text's rule, pinned by tests/vectors/spreadsheet-text.json. */
  function textCell(value) {
    const text = value === null || value === undefined ? "" : String(value);
    return /^[=+\-@\t\r]/.test(text) ? "'" + text : text;
  }

  /** An answer as a CSV cell that readCsv reads back: a scale value, an option id, option
      ids separated by `;`, or text (kept as text, not as a formula). */
  function answerCell(q, value) {
    if (value === null || value === undefined) return null;
    if (Array.isArray(value)) return value.join(";");
    return q.type === "text" ? textCell(value) : value;
  }

  /**
   * One row per respondent: who, every answer (background questions first; empty =
   * unanswered) and the unrounded principle and overall scores. The header starts
   * organisation, role, name and the question ids, so `selfassess score` and this page read
   * the file back (the score columns, whose names hold a space no id can have, are ignored
   * with a warning).
   */
  function combinedCsv(bank, responses, result) {
    const background = bank.background || [], pids = bank.principles.map(function (p) { return p.id; });
    const questions = background.concat(...bank.principles.map(function (p) { return p.questions; }));
    const header = ["organisation", "role", "name"].concat(questions.map(function (q) { return q.id; }))
      .concat(pids.map(function (pid) { return "score " + pid; }))
      .concat(["score overall", "overall level", "questions answered", "questions total", "source file"]);
    const lines = [header.map(csvCell).join(",")];
    responses.forEach(function (r, i) {
      const scored = result.respondents[i];
      const name = strip((r.response.respondent || {}).name || "") || null;
      const cells = questions.map(function (q, k) {
        const given = (k < background.length ? r.response.background : r.response.answers) || S.dict();
        return has(given, q.id) ? answerCell(q, given[q.id]) : null;
      });
      const row = [textCell(scored.organisation), textCell(scored.role), textCell(name)].concat(cells)
        .concat(pids.map(function (pid) { return scored.principles[pid]; }))
        .concat([scored.overall, scored.level, scored.answered, scored.total, textCell(scored.source)]);
      lines.push(row.map(csvCell).join(","));
    });
    return "\ufeff" + lines.join("\r\n") + "\r\n";
  }

  root.SelfassessCsv = { csvRows, csvDelimiter, readCsv, csvCell, textCell, combinedCsv };
})(globalThis);
