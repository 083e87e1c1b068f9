/* selfassess form page. Scoring is SelfassessScoring's (scoring.js), the results and their
   chart SelfassessFormResults' (form-results.js), reading and writing the questions' controls
   and hiding the questions not asked SelfassessFormAnswers' (form-answers.js); this file reads
   the comment boxes, saves to localStorage, and exports/imports response files. After every
   change the current result is in window.selfassessResult (one respondent entry of
   `score --format json`). */
(function () {
  "use strict";
  const S = globalThis.SelfassessScoring;
  const A = globalThis.SelfassessFormAnswers;
  const F = globalThis.SelfassessFormResults;  // the results (form-results.js)
  const show = F.show;
  const say = globalThis.SelfassessMessages;  // the page's words, by key (selfassess.web messages.js)
  const $ = (id) => document.getElementById(id);
  const bank = JSON.parse($("selfassess-bank").textContent);
  const form = $("selfassess-form");
  // Saved answers belong to one questionnaire: its id, version and content (a hash of its
  // questions and scales, view.bank_content_hash). Answers under another key with the same id
  // (another version, another bank that took the id, or the key before content was part of it)
  // are offered, never applied or deleted unasked. Those of another version move here when used;
  // those of the same version (a twin: another bank, or this one edited) may be another form's
  // live answers, so they are copied, never deleted from here, and once used or left alone their
  // key is kept in this page's own save (`handled`) so they are not offered again.
  const PREFIX = "selfassess:" + bank.id + ":";
  const KEY = PREFIX + bank.version + ":" + bank.content;
  const FIELDS = ["organisation", "role", "name"];
  // Everything keyed by an id or by text from a file has no prototype (scoring.js's dict), so
  // ids like `toString` or `constructor` find only what was stored under them.
  const titles = S.dictOf(Object.fromEntries(bank.principles.map((p) => [p.id, p.title])));
  const sets = A.fieldsets(form);
  const results = F.create(bank);
  const commentBoxes = Array.from(form.querySelectorAll("textarea[data-comment]"));
  // Comments this page has no box for (on single questions, from other tools) survive a round trip.
  let otherComments = S.dict();
  let resultsShown = false;
  let handled = [];  // keys of twins' answers already used or left alone
  const storage = openStorage();

  function openStorage() {
    try {
      const probe = KEY + ":probe";
      localStorage.setItem(probe, "1");
      localStorage.removeItem(probe);
      return localStorage;
    } catch (error) {
      return null;
    }
  }

  /** The answers on the page as a response file, without those to questions not asked. */
  function readResponse() {
    const given = A.readAll(bank, sets);
    const respondent = Object.fromEntries(FIELDS.map((f) => [f, form.elements[f].value.trim() || null]));
    const comments = S.dictOf(otherComments);
    commentBoxes.forEach((box) => { if (box.value.trim()) comments[box.dataset.comment] = box.value.trim(); });
    const response = { format: S.FORMAT, questionnaire: { id: bank.id, version: bank.version }, respondent,
      language: document.documentElement.lang, background: given.background, answers: given.answers,
      comments, completed_at: null };
    return A.onlyAsked(response, S.questionsAsked(bank, response));
  }

  /** Put a response on the page; how many of its answers did not fit this bank's questions. */
  function applyResponse(response) {
    const misfits = A.writeAll(bank, sets, response);
    FIELDS.forEach((f) => { form.elements[f].value = (response.respondent && response.respondent[f]) || ""; });
    otherComments = S.dictOf(response.comments);
    commentBoxes.forEach((box) => {
      const key = box.dataset.comment;
      box.value = typeof otherComments[key] === "string" ? otherComments[key] : "";
      delete otherComments[key];
    });
    return misfits;
  }

  function save() {
    if (!storage) return;
    try {
      storage.setItem(KEY, JSON.stringify({ response: readResponse(), resultsShown, handled }));
    } catch (error) {
      $("storage-notice").hidden = false;
    }
  }

  function restore() {
    if (!storage) return;
    let saved = null;
    try {
      saved = JSON.parse(storage.getItem(KEY) || "null");
    } catch (error) {
      return;
    }
    if (!saved) return;
    const checked = S.validateResponse(bank, saved.response);
    if (checked.ok) applyResponse(checked.response);
    resultsShown = !!saved.resultsShown;
    handled = Array.isArray(saved.handled) ? saved.handled : [];
  }

  /** The first answers saved under this questionnaire's id but another key, or null. */
  function otherSaved() {
    for (let i = 0; storage && i < storage.length; i++) {
      const key = storage.key(i);
      if (!key.startsWith(PREFIX) || key === KEY || handled.includes(key)) continue;
      try {
        const saved = JSON.parse(storage.getItem(key));
        if (saved.response.answers) {
          // A twin's key has this version and another content hash; a key without a hash is
          // from the form before content was part of it, and moves here like another version's.
          const [version, content] = key.slice(PREFIX.length).split(":");
          return { key, version, twin: version === bank.version && content !== undefined, response: saved.response };
        }
      } catch (error) {
        // not answers this page can read: left as they are
      }
    }
    return null;
  }

  /** Offer them in the notice at the top, if there are any. */
  function offerOther() {
    const other = otherSaved(), notice = $("other-answers");
    notice.hidden = !other;
    if (other) {
      notice.dataset.key = other.key;
      show(notice, other.twin ? "twin" : "version", other);
    }
  }

  /** Put on the page what of them fits: answers on this bank's questions and scales, the
      respondent's details, text comments on its principles and questions. */
  function useOther() {
    const other = otherSaved();
    if (!other || other.key !== $("other-answers").dataset.key) return offerOther();
    const given = Object(other.response.answers), notes = Object(other.response.comments);
    const background = Object(other.response.background), comments = S.dict();
    Object.keys(notes).forEach((k) => { if (typeof notes[k] === "string" && (titles[k] || sets.has(k))) comments[k] = notes[k]; });
    const misfits = applyResponse({ answers: given, background, comments, respondent: Object(other.response.respondent) });
    if (other.twin) handled.push(other.key);
    update();
    save();
    if (!other.twin) storage.removeItem(other.key);
    offerOther();
    const known = (id) => sets.has(id) && (Object.hasOwn(given, id) || Object.hasOwn(background, id));
    const left = misfits + Object.keys(given).concat(Object.keys(background)).filter((id) => !known(id)).length;
    showMessage("success", say("usedOther", { version: other.version }),
      left ? [say("leftOut", { count: left })] : [], true);
  }

  /** A twin's answers stay where they are and are not offered here again. */
  function leaveOther() {
    handled.push($("other-answers").dataset.key);
    save();
    offerOther();
    showMessage("success", say("leftThem"), [], true);
  }

  function deleteOther() {
    storage.removeItem($("other-answers").dataset.key);
    offerOther();
    showMessage("success", say("deletedOther"), [], true);
  }

  function update() {
    const response = readResponse(), asked = S.questionsAsked(bank, response);
    const kept = A.showAsked(bank, sets, asked);
    if ($("hidden-note")) $("hidden-note").textContent = kept ? say("hiddenNote") : "";
    const result = S.scoreRespondent(bank, response, "form");
    window.selfassessResult = result;
    // "Don't know" is an answer to the person, though it does not score.
    const responded = Object.keys(response.background).length + Object.keys(response.answers).length;
    $("progress").textContent = say("progress", { answered: responded, total: asked.size });
    // An empty comment box is left off the printed record (print CSS hides .is-empty).
    commentBoxes.forEach((box) => box.parentNode.classList.toggle("is-empty", !box.value.trim()));
    if (resultsShown) results.render(result, result.notApplicable || new Set(), asked);
  }

  function text(tag, content) {
    const el = document.createElement(tag);
    el.textContent = content;
    return el;
  }


  function showMessage(kind, heading, items, focus) {
    const box = $("message");
    box.className = "message message--" + kind;
    box.setAttribute("role", kind === "error" ? "alert" : "status");
    box.replaceChildren(text("h2", heading));
    if (items.length) {
      const list = document.createElement("ul");
      items.forEach((item) => list.append(text("li", item)));
      box.append(list);
    }
    if (kind === "error") box.append(text("p", say("unchanged")));
    box.hidden = false;
    if (focus) box.focus();
  }

  function slug(value) {
    return (value || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/, "");
  }

  function today() {
    const d = new Date();
    const two = (n) => String(n).padStart(2, "0");
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  function download() {
    const response = readResponse();
    response.completed_at = new Date().toISOString().replace(/\.\d+Z$/, "Z");
    const who = response.respondent;
    const parts = [slug(who.organisation) || bank.id, today(), slug(who.role)].filter(Boolean);
    const blob = new Blob([JSON.stringify(response, null, 2) + "\n"], { type: "application/json" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = parts.join("-") + ".json";
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60000);
  }

  // What `selfassess score` and the partnership page say of a file before reading it as JSON
  // (files.read_file_bytes and check_text_bytes, responses.js's bytesProblem): the same limit and words.
  const MAX_BYTES = 50000000;  // "50 MB" (load.MAX_RESPONSE_BYTES)

  function refusal(size, b) {
    return size > MAX_BYTES ? say("tooBig", { size: Math.ceil(size / 1e6) })
      : !b.some((x) => x !== 32 && (x < 9 || x > 13)) ? say("empty")
      : b[0] + b[1] === 509 ? say("utf16")  // FF FE or FE FF: a UTF-16 BOM
      : b.subarray(0, 8192).includes(0) ? say("binary") : null;
  }

  /** The first key given twice in one object of `text` (JSON that parses), or null: `score`
      refuses such a file rather than keep the last value silently (json_input.parse_json_document;
      responses.js's jsonRefusal, which the partnership page has, also bounds numbers and depth). */
  function keyTwice(text) {
    const open = [];
    let want = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i], top = open[open.length - 1];
      if (c === '"') {
        let end = i + 1;
        while (text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
        const key = want && JSON.parse(text.slice(i, end + 1));
        if (want && top.has(key)) return key;
        if (want) top.add(key);
        want = false;
        i = end;
      } else if (c === "{" || c === "[") {
        open.push(c === "{" && new Set());
        want = c === "{";
      } else if (c === "}" || c === "]") {
        open.pop();
      } else if (c === ",") {
        want = !!top;
      }
    }
    return null;
  }

  async function load(input) {
    const file = input.files && input.files[0];
    if (!file) return;
    input.value = "";
    let result;
    try {
      const bytes = file.size > MAX_BYTES ? new Uint8Array(0) : new Uint8Array(await file.arrayBuffer());
      const refused = refusal(file.size, bytes);
      if (refused) {
        result = { ok: false, problems: [{ message: refused }] };
      } else {
        const text = new TextDecoder().decode(bytes);
        result = S.validateResponse(bank, text);
        // A CSV (or any file that is not JSON) gets this instead of the JSON parser's complaint.
        if (!result.ok && result.problems[0].json === false) result.problems = [{ message: say("notJson") }];
        const twice = result.ok ? keyTwice(text) : null;
        if (twice !== null) {
          result = { ok: false, problems: [{ message: say("keyTwice", { key: twice.slice(0, 60) }) }] };
        }
      }
    } catch (error) {
      result = { ok: false, problems: [{ message: say("unreadable", { error: error.message }) }] };
    }
    if (!result.ok) {
      showMessage("error", say("problemWith", { file: file.name }),
        result.problems.map((p) => (p.path ? p.path + ": " : "") + p.message), true);
      return;
    }
    applyResponse(result.response);
    update();
    save();
    showMessage("success", say("loaded", { file: file.name }), result.warnings, true);
  }

  function startAgain() {
    if (!window.confirm(say("confirmStart"))) return;
    form.reset();
    otherComments = S.dict();
    if (storage) storage.removeItem(KEY);
    resultsShown = false;
    $("results").hidden = true;
    update();
    showMessage("success", say("cleared"), [], true);
  }

  document.documentElement.classList.add("js");
  document.querySelectorAll(".js-only").forEach((el) => { el.hidden = false; });
  $("storage-notice").hidden = !!storage;
  restore();
  offerOther();
  update();
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("input", (event) => {
    if (event.target.type === "file") return;
    update();
    save();
  });
  $("show-results").addEventListener("click", () => {
    resultsShown = true;
    update();
    save();
    // The heading at the top of the window, the score just under it (a 1366x768 laptop shows
    // both); focus without the browser's own scroll, which stops as soon as the heading shows.
    $("results").scrollIntoView({ block: "start" });
    $("results-title").focus({ preventScroll: true });
  });
  $("download").addEventListener("click", download);
  $("start-again").addEventListener("click", startAgain);
  $("load-answers").addEventListener("change", (event) => load(event.target));
  $("use-other-answers").addEventListener("click", useOther);
  $("delete-other-answers").addEventListener("click", deleteOther);
  $("leave-other-answers").addEventListener("click", leaveOther);
})();
