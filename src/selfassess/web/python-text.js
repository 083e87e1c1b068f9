/* selfassess Python text: the small rules by which Python writes and reads text, so the page's
   messages and numbers read exactly as `selfassess score` prints them (str.strip(), repr(),
   f"{x:g}", float()'s digits, errors.Problem). Pure: no DOM. Shared by csv.js and responses.js,
   loaded before them. */
(function (root) {
  "use strict";
  const say = root.SelfassessMessages;  // the words, by key (pages/answer_file_messages.py)

  // Python's str.strip() whitespace (the cells and header names are stripped with it).
  const PY_SPACE = "[\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+";
  const STRIP = new RegExp("^" + PY_SPACE + "|" + PY_SPACE + "$", "g");
  // Python's float() grammar for decimal text (underscores between digits allowed).
  const DIGITS = "\\d(?:_?\\d)*";
  const FLOAT = new RegExp("^[+-]?(?:(?:" + DIGITS + ")?\\." + DIGITS + "|" + DIGITS + "\\.?)(?:[eE][+-]?" + DIGITS + ")?$");
  const NOT_FINITE = /^[+-]?(?:inf|infinity|nan)$/i;
  const DECIMAL_DIGIT = /\p{Nd}/gu;
  const IS_DECIMAL_DIGIT = /^\p{Nd}$/u;

  /** The value of a Unicode decimal digit (category Nd). Unicode assigns them in runs of ten,
      0 to 9, so the value is the count of digits before it in its run, modulo ten. */
  function digitValue(c) {
    const code = c.codePointAt(0); let before = 0;
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
    const chars = Array.from(text);
    return chars.length <= limit ? text : say("cutShort", { text: chars.slice(0, limit).join("") });
  }

  /** `file:line: message (at path)`, exactly as errors.Problem prints, cut as it cuts. */
  function problemText(p) {
    const where = p.line === null || p.line === undefined ? p.file : p.file + ":" + p.line;
    const text = where + ": " + cutShort(p.message, 1000);
    return p.path ? say("problemAt", { problem: text, path: cutShort(p.path, 200) }) : text;
  }

  /** Python's repr() of a string: the quotes it picks and the escapes it writes. */
  function pyRepr(text) {
    const quote = text.indexOf("'") >= 0 && text.indexOf('"') < 0 ? '"' : "'";
    let out = "";
    Array.from(text).forEach(function (c) {
      const code = c.codePointAt(0);
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
    const exponent = Number(value.toExponential(5).split("e")[1]);
    if (exponent < -4 || exponent >= 6) {
      const parts = value.toExponential(5).split("e");
      const mantissa = parts[0].indexOf(".") >= 0 ? parts[0].replace(/\.?0+$/, "") : parts[0];
      const power = Math.abs(exponent);
      return mantissa + "e" + (exponent < 0 ? "-" : "+") + (power < 10 ? "0" : "") + power;
    }
    const fixed = value.toFixed(Math.max(0, 5 - exponent));
    return fixed.indexOf(".") >= 0 ? fixed.replace(/\.?0+$/, "") : fixed;
  }

  function scaleText(scale) {
    return scale.map(function (o) {
      return o.value === null ? say("emptyChoice", { label: o.label }) : gFormat(o.value) + " " + o.label;
    }).join(", ");
  }

  root.SelfassessPyText = { strip, has, problem, problemText, pyRepr, gFormat, scaleText, asciiDigits, FLOAT, NOT_FINITE };
})(globalThis);
