/* selfassess form answers: what the form page's controls hold, as the answers of a
   `selfassess-response/2` file, and back. Every question sits in a fieldset[data-question] of
   the page; its type in the bank (scale when absent) says how it is asked: scale and choice as
   radios (choice past seven options as a select), multi as checkboxes, text as a text area.
   Which questions are asked is SelfassessScoring.questionsAsked's (the rule of docs/scoring.md);
   this file hides the others and leaves their answers out of the response, as `score` does.
   No storage, no clock; the page script (themes/default/js/form.js) calls it. */
(function (root) {
  "use strict";
  const S = root.SelfassessScoring;
  const typeOf = (q) => q.type || "scale";
  const inputs = (set) => Array.from(set.querySelectorAll("input"));

  /** Every question of the bank in asking order: background first, then the principles'. */
  function allQuestions(bank) {
    return (bank.background || []).concat(bank.principles.flatMap((p) => p.questions));
  }

  /** The page's fieldset for each question id (a Map: ids are text from the bank). */
  function fieldsets(form) {
    return new Map(Array.from(form.querySelectorAll("fieldset[data-question]"), (set) => [set.dataset.question, set]));
  }

  /** One question's answer on the page; undefined when it has none ("Don't know" is null). */
  function read(bank, q, set) {
    const type = typeOf(q), select = set.querySelector("select");
    if (type === "text") {
      const text = set.querySelector("textarea").value;
      return text.trim() ? text : undefined;
    }
    if (type === "multi") {
      const ids = inputs(set).filter((box) => box.checked).map((box) => box.value);
      return ids.length ? ids : undefined;
    }
    if (select) return select.value || undefined;
    const index = inputs(set).findIndex((radio) => radio.checked);
    // Radios sit in scale order, so a radio's position gives its exact scale value.
    if (index < 0) return undefined;
    return type === "scale" ? S.scaleOf(bank, q)[index].value : inputs(set)[index].value;
  }

  /** Put one answer (undefined: none) on the page; false when it does not fit the question. */
  function write(bank, q, set, value) {
    const type = typeOf(q), select = set.querySelector("select");
    if (type === "text") {
      set.querySelector("textarea").value = typeof value === "string" ? value : "";
      return value === undefined || value === null || typeof value === "string";
    }
    if (type === "scale") {
      const index = value === undefined ? -1 : S.scaleOf(bank, q).findIndex((o) => o.value === value);
      inputs(set).forEach((radio, i) => { radio.checked = i === index; });
      return value === undefined || index >= 0;
    }
    const wanted = value === undefined || value === null ? [] : type === "multi" && Array.isArray(value) ? value : [value];
    const values = select ? Array.from(select.options, (o) => o.value) : inputs(set).map((box) => box.value);
    const fits = wanted.every((id) => typeof id === "string" && id !== "" && values.includes(id));
    if (select) select.value = fits && wanted.length ? wanted[0] : "";
    else inputs(set).forEach((box) => { box.checked = fits && wanted.includes(box.value); });
    return fits;
  }

  /** Whether a question's id is a background question's (its answer goes under `background`). */
  const isBackground = (bank, id) => (bank.background || []).some((q) => q.id === id);

  /** Every answer on the page, asked or not: {background, answers}, keyed by question id. */
  function readAll(bank, sets) {
    const out = { background: S.dict(), answers: S.dict() };
    for (const q of allQuestions(bank)) {
      const value = read(bank, q, sets.get(q.id));
      if (value !== undefined) out[isBackground(bank, q.id) ? "background" : "answers"][q.id] = value;
    }
    return out;
  }

  /** Put a response's answers on the page; how many of them did not fit this bank's questions. */
  function writeAll(bank, sets, response) {
    let misfits = 0;
    for (const q of allQuestions(bank)) {
      const from = Object(response[isBackground(bank, q.id) ? "background" : "answers"]);
      const value = Object.hasOwn(from, q.id) ? from[q.id] : undefined;
      if (!write(bank, q, sets.get(q.id), value)) misfits++;
    }
    return misfits;
  }

  /** A copy of the response without the answers to questions not asked of this respondent. */
  function onlyAsked(response, asked) {
    const keep = (answers) => {
      const out = S.dict();
      for (const id of Object.keys(answers || {})) if (asked.has(id)) out[id] = answers[id];
      return out;
    };
    return Object.assign({}, response, { background: keep(response.background), answers: keep(response.answers) });
  }

  /** Hide every question not asked (out of the tab order and the accessibility tree); whether a
      hidden one still holds an answer on the page, which the response leaves out. */
  function showAsked(bank, sets, asked) {
    let kept = false;
    for (const q of allQuestions(bank)) {
      const set = sets.get(q.id);
      set.hidden = !asked.has(q.id);
      kept = kept || (set.hidden && read(bank, q, set) !== undefined);
    }
    return kept;
  }

  root.SelfassessFormAnswers = { allQuestions, fieldsets, readAll, writeAll, onlyAsked, showAsked };
})(globalThis);
