/* selfassess partnership page, the Workshop view: beside each scored principle's survey figures
   (window.selfassessResult, partnership.js's) the level the partners agree, a note and actions;
   "Results | Workshop" switches views, projector mode shows one principle at a time in large
   type. What is recorded is a draft kept in localStorage under the bank's id (as the form keeps
   answers), downloaded and loaded as a workshop file. Presentational only: reading, checking,
   writing and the draft's rules are SelfassessWorkshop's (web/workshop.js). Text from files and
   from the device only ever goes in as textContent or a form control's value. */
(function () {
  "use strict";
  const W = globalThis.SelfassessWorkshop;
  const say = globalThis.SelfassessMessages;
  const $ = (id) => document.getElementById(id);
  const bank = JSON.parse($("selfassess-bank").textContent);
  const V = globalThis.SelfassessPartnershipResults.create(bank);
  const KEY = "selfassess-workshop:" + bank.id;
  const sections = Array.from(document.querySelectorAll("[data-ws-principle]"));
  const storage = openStorage();
  let draft = W.emptyDraft(today());
  let loadedNames = [];  // the organisations of the answer files read, in the results' order
  let shown = 0;  // the principle projector mode shows (an index into sections)
  let serial = 0;  // makes each action's field ids unique on the page

  function openStorage() {
    try {
      localStorage.setItem(KEY + ":probe", "1");
      localStorage.removeItem(KEY + ":probe");
      return localStorage;
    } catch (error) {
      return null;
    }
  }

  function today() {
    const d = new Date(), two = (n) => String(n).padStart(2, "0");
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  const field = (root, name) => root.querySelector('[data-ws-field="' + name + '"]');
  const sectionOf = (pid) => sections.find((s) => s.dataset.wsPrinciple === pid);

  function save() {
    if (!storage) return;
    try {
      storage.setItem(KEY, JSON.stringify(draft));
    } catch (error) {
      $("ws-status").textContent = say("wsNotSaved");
    }
  }

  /** The draft as the page's fields hold it now. */
  function collect() {
    const next = W.emptyDraft("");
    next.round = { label: $("ws-label").value, date: $("ws-date").value };
    const ticked = Array.from($("ws-organisations").querySelectorAll("input:checked")).map((box) => loadedNames[Number(box.value)]);
    const others = $("ws-others").value.split("\n").filter((line) => line.trim() !== "");
    next.organisations = ticked.concat(others);
    sections.forEach((section) => {
      const e = W.entry(next, section.dataset.wsPrinciple), agreed = field(section, "agreed").value;
      e.agreed = agreed === "" ? "" : agreed === "none" ? null : agreed.slice("level:".length);
      e.note = field(section, "note").value;
      e.actions = Array.from(section.querySelectorAll(".ws-action")).map((box) => {
        const a = W.blankAction(box.dataset.actionId);
        ["text", "organisation", "role", "due", "status", "update"].forEach((name) => { a[name] = field(box, name).value; });
        return a;
      });
    });
    return next;
  }

  function changed() {
    draft = collect();
    save();
  }

  /** One action's fields, from the template, filled from the draft. */
  function actionBox(action) {
    const box = $("ws-action").content.firstElementChild.cloneNode(true), n = ++serial;
    box.dataset.actionId = action.id;
    const legend = box.querySelector("legend");
    legend.id = "ws-a" + n;
    legend.textContent = say("wsAction", { id: action.id });
    box.querySelectorAll("[data-ws-field]").forEach((control) => {
      const name = control.dataset.wsField;
      control.id = "ws-a" + n + "-" + name;
      box.querySelector('label[data-for="' + name + '"]').htmlFor = control.id;
      control.value = action[name];
    });
    box.querySelector("[data-ws-remove]").setAttribute("aria-describedby", legend.id);
    return box;
  }

  /** The page's fields from the draft (after a restore, a load or a clear). */
  function render() {
    $("ws-label").value = draft.round.label;
    $("ws-date").value = draft.round.date;
    showOrganisations();
    sections.forEach((section) => {
      const e = draft.principles[section.dataset.wsPrinciple] || { agreed: "", note: "", actions: [] };
      field(section, "agreed").value = e.agreed === "" ? "" : e.agreed === null ? "none" : "level:" + e.agreed;
      field(section, "note").value = e.note;
      section.querySelector("[data-ws-actions]").replaceChildren(...e.actions.map(actionBox));
    });
  }

  /** A tick box for each organisation of the answer files read; anyone else who took part in
      the free text, one a line. */
  function showOrganisations() {
    const names = new Set(loadedNames);
    $("ws-organisations").replaceChildren(...loadedNames.map((name, i) => {
      const item = el("div", null, "ws-tick"), box = el("input"), label = el("label", name);
      box.type = "checkbox";
      box.id = "ws-org-" + i;
      box.value = String(i);
      box.checked = draft.organisations.includes(name);
      label.htmlFor = box.id;
      item.append(box, label);
      return item;
    }));
    $("ws-organisations").hidden = !loadedNames.length;
    $("ws-others").value = draft.organisations.filter((name) => !names.has(name)).join("\n");
    const suggested = Array.from(new Set(loadedNames.concat(draft.organisations)));
    $("ws-organisation-names").replaceChildren(...suggested.map((name) => {
      const option = el("option");
      option.value = name;
      return option;
    }));
  }

  /** The survey's figures beside each principle: score, level, spread and split, as the
      results table shows them. */
  function showFigures() {
    const result = window.selfassessResult;
    const names = result ? Object.keys(result.organisations) : [];
    if (names.join("\n") !== loadedNames.join("\n")) {
      loadedNames = names;
      showOrganisations();
    }
    sections.forEach((section) => {
      const pid = section.dataset.wsPrinciple, pr = bank.principles.find((p) => p.id === pid);
      const r = result ? result.partnership.principles[pid] : null;
      const cell = (name, text) => { section.querySelector('[data-ws="' + name + '"]').textContent = text; };
      if (!r) return ["score", "level", "spread", "divergent"].forEach((name) => cell(name, "–"));
      const low = V.weakestLink ? r.weakest_organisation : V.lowest(result, pid), top = V.highest(result, pid);
      cell("score", V.figure(r.score));
      cell("level", r.level ? V.labelIn(V.levelsOf(pr), r.level) : say("noScore"));
      cell("spread", low === null || top === null ? "–"
        : say("wsSpread", { lowest: low + " (" + V.figure(r.min) + ")", highest: top + " (" + V.figure(r.max) + ")", spread: V.figure(r.spread) }));
      cell("divergent", say(r.divergent ? "divergent" : "notDivergent"));
      section.classList.toggle("is-divergent", Boolean(r.divergent));
    });
  }

  function showView(workshop) {
    $("show-results").setAttribute("aria-pressed", String(!workshop));
    $("show-workshop").setAttribute("aria-pressed", String(workshop));
    document.documentElement.classList.toggle("show-workshop", workshop);
    $("workshop").hidden = !workshop;
    if (!workshop) setProjector(false);
    // A round not named yet takes the name given to this round under "Earlier rounds".
    const named = $("current-round-label");
    if (workshop && named && named.value.trim() !== "" && $("ws-label").value === "") {
      $("ws-label").value = named.value.trim();
      changed();
    }
  }

  function setProjector(on) {
    $("ws-projector").setAttribute("aria-pressed", String(on));
    document.documentElement.classList.toggle("ws-projector", on);
    $("ws-nav").hidden = !on;
    showPrinciple(on ? shown : null);
    if (on) window.scrollTo(0, 0);
    if (on) $("ws-status").textContent = "";
  }

  /** Projector mode: only principle `index` (null: every one, as outside it). */
  function showPrinciple(index) {
    sections.forEach((section, i) => { section.hidden = index !== null && i !== index; });
    $("ws-position").textContent = index === null ? "" : say("wsPrincipleOf", { number: index + 1, total: sections.length });
    if (index === null) return;
    shown = index;
    $("ws-previous").disabled = index === 0;
    $("ws-next").disabled = index === sections.length - 1;
  }

  const projecting = () => $("ws-projector").getAttribute("aria-pressed") === "true";

  function move(step) {
    const index = Math.min(sections.length - 1, Math.max(0, shown + step));
    if (index === shown) return;
    showPrinciple(index);
    // The button pressed may now be disabled (first or last): keep the focus where it can work.
    if (document.activeElement && document.activeElement.disabled) $(step < 0 ? "ws-next" : "ws-previous").focus();
  }

  /** The problems of the record the page would write, in an error summary linking each to its
      field; true when there are none. */
  function showProblems(record) {
    const problems = W.check(record, bank);
    const box = $("ws-problems");
    box.hidden = !problems.length;
    $("ws-problems-title").textContent = say("wsThereIsAProblem");
    $("ws-problems-list").replaceChildren(...problems.map((p) => {
      const control = controlOf(W.fieldOf(record, p.loc)), item = el("li"), link = el("a");
      link.href = "#" + control.id;
      link.textContent = say("wsProblemAt", { field: fieldName(control), problem: p.cause });
      link.addEventListener("click", (event) => { event.preventDefault(); reveal(control); });
      item.append(link);
      return item;
    }));
    if (problems.length) box.focus();
    return !problems.length;
  }

  function controlOf(where) {
    if (where.principle === null) return { label: $("ws-label"), date: $("ws-date"), organisations: $("ws-others") }[where.field] || $("ws-label");
    const section = sectionOf(where.principle);
    if (where.action === null) return field(section, where.field);
    const box = Array.from(section.querySelectorAll(".ws-action")).find((b) => b.dataset.actionId === where.action);
    return field(box, where.field) || field(box, "text");
  }

  /** A control's name in the error summary: its label, after its principle and action. */
  function fieldName(control) {
    const label = document.querySelector('label[for="' + CSS.escape(control.id) + '"]').textContent;
    const section = control.closest("[data-ws-principle]"), box = control.closest(".ws-action");
    const parts = [section && section.querySelector("h3").textContent, box && box.querySelector("legend").textContent, label];
    return parts.filter(Boolean).join(", ");
  }

  function reveal(control) {
    const section = control.closest("[data-ws-principle]");
    if (section && projecting()) showPrinciple(sections.indexOf(section));
    control.focus();
  }

  function download() {
    const record = W.record(bank, draft);
    if (!showProblems(record)) return;
    const name = W.fileName(bank, record);
    const link = el("a");
    link.href = URL.createObjectURL(new Blob([W.write(record)], { type: "application/json;charset=utf-8" }));
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60000);
    $("ws-status").textContent = say("wsDownloaded", { file: name });
  }

  const hasContent = (d) => d.round.label !== "" || Object.values(d.principles).some((e) => e.agreed !== "" || e.note !== "" || e.actions.length);

  /** A workshop file picked to carry on: refused with the command line's lines (the draft kept
      as it is), or it replaces the draft once the facilitator says so. */
  async function load(file) {
    const bytes = file.size > W.MAX_BYTES ? null : new Uint8Array(await file.arrayBuffer());
    const result = W.readBytes(bytes, file.size, bank, file.name);
    $("ws-notes").hidden = true;
    if (result.error) {
      $("ws-problems").hidden = false;
      $("ws-problems-title").textContent = say("wsNotLoaded", { file: file.name });
      $("ws-problems-list").replaceChildren(...result.errors.slice(0, 10).map((line) => el("li", line)));
      $("ws-problems").focus();
      return;
    }
    if (hasContent(draft) && !window.confirm(say("wsConfirmLoad", { file: file.name }))) return;
    draft = W.draftOf(bank, result.record);
    render();
    save();
    $("ws-problems").hidden = true;
    $("ws-notes").hidden = !result.warnings.length;
    $("ws-notes-list").replaceChildren(...result.warnings.map((w) => el("li", w)));
    $("ws-status").textContent = say("wsLoaded", { file: file.name });
  }

  /** The file chooser, from an input outside the page: the page's one file input stays the
      answer files'. */
  function pickFile() {
    const input = el("input");
    input.type = "file";
    input.accept = ".json,application/json";
    input.addEventListener("change", () => { if (input.files[0]) load(input.files[0]); });
    input.click();
  }

  function clear() {
    if (!window.confirm(say("wsConfirmClear"))) return;
    draft = W.emptyDraft(today());
    if (storage) storage.removeItem(KEY);
    render();
    $("ws-problems").hidden = true;
    $("ws-notes").hidden = true;
    $("ws-status").textContent = say("wsCleared");
  }

  function addAction(section) {
    changed();
    const action = W.blankAction(W.nextActionId(draft));
    const box = actionBox(action);
    section.querySelector("[data-ws-actions]").append(box);
    changed();
    $("ws-status").textContent = say("wsActionAdded", { id: action.id });
    field(box, "text").focus();
  }

  function removeAction(box) {
    const section = box.closest("[data-ws-principle]"), id = box.dataset.actionId;
    box.remove();
    changed();
    $("ws-status").textContent = say("wsActionRemoved", { id });
    section.querySelector("[data-ws-add]").focus();
  }

  /** Projector mode's arrow keys turn the page, but never while typing or choosing in a field. */
  function onKey(event) {
    if (!projecting() || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.target.closest("input,textarea,select,[contenteditable]")) return;
    const step = { ArrowLeft: -1, PageUp: -1, ArrowRight: 1, PageDown: 1 }[event.key];
    if (!step) return;
    event.preventDefault();
    move(step);
  }

  function start() {
    let saved = null;
    try {
      saved = storage ? JSON.parse(storage.getItem(KEY) || "null") : null;
    } catch (error) {
      saved = null;
    }
    draft = W.restore(bank, saved, today());
    render();
    showFigures();
    $("view-switch").hidden = false;
    $("show-results").addEventListener("click", () => showView(false));
    $("show-workshop").addEventListener("click", () => showView(true));
    $("ws-projector").addEventListener("click", () => setProjector(!projecting()));
    $("ws-previous").addEventListener("click", () => move(-1));
    $("ws-next").addEventListener("click", () => move(1));
    $("ws-download").addEventListener("click", download);
    $("ws-clear").addEventListener("click", clear);
    $("ws-load").addEventListener("click", pickFile);
    $("workshop").addEventListener("input", changed);
    $("workshop").addEventListener("change", changed);
    $("workshop").addEventListener("click", (event) => {
      const add = event.target.closest("[data-ws-add]"), remove = event.target.closest("[data-ws-remove]");
      if (add) addAction(add.closest("[data-ws-principle]"));
      if (remove) removeAction(remove.closest(".ws-action"));
    });
    document.addEventListener("keydown", onKey);
    // partnership.js says every new result in #status: the figures follow it.
    new window.MutationObserver(showFigures).observe($("status"), { childList: true, characterData: true, subtree: true });
    showView(false);
  }

  start();
})();
