/* selfassess workshop files (`selfassess-workshop/1`): what the partners agreed on each
   principle, read and written as the partnership page's Workshop view needs them. `readBytes` /
   `read` refuse what inputs/workshop.py's load_workshop refuses, in the first line it prints,
   word for word (tests/vectors/workshop/ pins both): the checks walk the document in
   core/workshop_checks.py's order. `write` gives the file's exact text (keys in the format's
   order). The page's own state is a draft (what the form holds, kept on the device): `record`
   turns it into a record, `draftOf` a loaded record back into one, `restore` a saved one after
   checking every value. Pure: no DOM, no storage, no clock. Its words by key:
   pages/workshop_messages.py; what a file holds is quoted, never translated.
   Loaded after scoring.js and answer-file.js (closeMatch), python-text.js and responses.js
   (the guarded JSON reader, the same as the answer files'). */
(function (root) {
  "use strict";
  const S = root.SelfassessScoring;
  const P = root.SelfassessPyText;
  const R = root.SelfassessResponses;
  const say = root.SelfassessMessages;

  const FORMAT = "selfassess-workshop/1";
  const STATUSES = ["planned", "in-progress", "done", "dropped"];
  const MAX_BYTES = 1000000;  // "1 MB", the unit the messages use (inputs/workshop.py)
  const MAX = { label: 80, organisation: 200, organisations: 200, note: 5000, actions: 100,
    actionId: 40, actionText: 2000, owner: 200, update: 2000, problems: 100, shown: 60 };
  // Each object's keys in the order the page writes them; true: required (core/workshop.py).
  const KEYS = {
    top: { format: true, questionnaire: true, round: true, organisations: false, principles: true },
    questionnaire: { id: true, version: true },
    round: { label: true, date: true },
    principle: { id: true, agreed_level: true, note: false, actions: false },
    action: { id: true, text: true, owner: true, due: true, status: true, update: false },
    owner: { organisation: false, role: false }
  };

  const own = (object, key) => Object.prototype.hasOwnProperty.call(object, key);
  const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
  const length = (text) => Array.from(text).length;  // code points, as Python counts

  /** A value from the file, as Python's repr, cut short enough for one line. */
  function quoted(text) {
    const chars = Array.from(text);
    return P.pyRepr(chars.length <= MAX.shown ? text : chars.slice(0, MAX.shown - 3).join("") + "...");
  }

  /** What a JSON value is, in the messages' words. */
  function kind(v) {
    if (v === null) return "null";
    if (Array.isArray(v)) return say("aList");
    if (typeof v === "object") return say("anObject");
    if (typeof v === "string") return say("aText");
    return typeof v === "boolean" ? String(v) : say("aNumber");
  }

  /** `YYYY-MM-DD` naming a real day (year 1 or later), as Python's date.fromisoformat takes it. */
  function isDate(text) {
    const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text);
    if (!m) return false;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
    return y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= days;
  }

  const place = (loc) => loc.reduce((out, part) => (typeof part === "number" ? out + "[" + part + "]" : out ? out + "." + part : String(part)), "");

  /** The walk's problems so far: {loc, cause}, at most MAX.problems. */
  function walker() {
    const problems = [];
    const add = (loc, cause) => { if (problems.length < MAX.problems) problems.push({ loc, cause }); };
    const w = { problems, add };
    /** An object's unknown keys (document order), then its keys in the format's order. */
    w.fields = (value, loc, keys, checks) => {
      if (!isObject(value)) return add(loc, say("expected", { what: say("anObject"), found: kind(value) })), null;
      const known = Object.keys(keys);
      for (const key of Object.keys(value)) {
        if (own(keys, key)) continue;
        const close = S.closeMatch(key, known), problem = say("wsUnknownKey", { key: quoted(key) });
        add(loc.concat([key]), close ? say("didYouMean", { problem, close: "'" + close + "'" })
          : say("wsAllowed", { problem, keys: known.join(", ") }));
      }
      for (const key of known) {
        if (own(value, key)) checks[key](value[key], loc.concat([key]));
        else if (keys[key]) add(loc.concat([key]), say("wsMissing"));
      }
      return value;
    };
    /** Whether `value` is text within its bounds; else says why. */
    w.text = (value, loc, most, blankOk, emptyOk) => {
      if (typeof value !== "string") add(loc, say("expected", { what: say("aText"), found: kind(value) }));
      else if ((value === "" && !emptyOk) || (!blankOk && value.trim() === "")) add(loc, say(blankOk ? "wsEmpty" : "wsBlank"));
      else if (most && length(value) > most) add(loc, say("wsTooLong", { length: length(value), most }));
      else return true;
      return false;
    };
    w.date = (value, loc, nullOk) => {
      if (value === null && nullOk) return;
      if (typeof value !== "string") add(loc, say("expected", { what: say(nullOk ? "wsDateOrNull" : "wsDate"), found: kind(value) }));
      else if (!isDate(value)) add(loc, say("wsNotDate", { value: quoted(value) }));
    };
    w.listed = (value, loc, most, tooMany) => {
      if (!Array.isArray(value)) return add(loc, say("expected", { what: say("aList"), found: kind(value) })), [];
      if (most && value.length > most) return add(loc, say(tooMany, { count: value.length, most })), [];
      return value;
    };
    return w;
  }

  /** Every problem of a parsed document for `bank`, as [{loc, cause}], in Python's order. */
  function check(doc, bank) {
    const w = walker();
    if (!isObject(doc)) return w.add([], say("wsNotObject")), w.problems;
    if (!own(doc, "format")) return w.add([], say("wsNoFormat", { format: FORMAT })), w.problems;
    if (doc.format !== FORMAT) {
      const found = typeof doc.format === "string" ? quoted(doc.format) : kind(doc.format);
      return w.add(["format"], say("wrongFormat", { found, format: FORMAT })), w.problems;
    }
    const wanted = isObject(doc.questionnaire) && own(doc.questionnaire, "id") ? doc.questionnaire.id : null;
    if (typeof wanted === "string" && wanted !== bank.id) {
      return w.add(["questionnaire", "id"], say("wsOtherBank", { found: quoted(wanted), bank: bank.id })), w.problems;
    }
    principleChecks(w, bank).document(doc);
    return w.problems;
  }

  /** The walk below the top: the round, the organisations, each principle and its actions. */
  function principleChecks(w, bank) {
    const principleAt = new Map(), actionAt = new Map();
    const scored = bank.principles.filter((p) => p.scored !== false);
    const c = {};
    c.document = (doc) => w.fields(doc, [], KEYS.top, {
      format: () => {},
      questionnaire: (v, loc) => w.fields(v, loc, KEYS.questionnaire, {
        id: (v, at) => w.text(v, at, 0, true, true), version: (v, at) => w.text(v, at, 0, true, true) }),
      round: (v, loc) => w.fields(v, loc, KEYS.round, {
        label: (v, at) => w.text(v, at, MAX.label), date: (v, at) => w.date(v, at) }),
      organisations: (v, loc) => w.listed(v, loc, MAX.organisations, "wsTooManyOrganisations")
        .forEach((name, i) => w.text(name, loc.concat([i]), MAX.organisation, true)),
      principles: (v, loc) => w.listed(v, loc, 0).forEach((item, i) => c.principle(item, loc.concat([i])))
    });
    c.principle = (value, loc) => {
      let found = null;
      w.fields(value, loc, KEYS.principle, {
        id: (v, at) => { found = c.named(v, at); },
        agreed_level: (v, at) => { if (found) c.level(v, at, found); },
        note: (v, at) => w.text(v, at, MAX.note, true, true),
        actions: (v, at) => w.listed(v, at, MAX.actions, "wsTooManyActions").forEach((a, i) => c.action(a, at.concat([i])))
      });
    };
    c.named = (value, loc) => {
      if (!w.text(value, loc, 0, true, true)) return null;
      const principle = bank.principles.find((p) => p.id === value);
      if (!principle) {
        const ids = scored.map((p) => p.id), close = S.closeMatch(value, ids);
        const problem = say("wsNotPrinciple", { value: quoted(value) });
        return w.add(loc, close ? say("didYouMean", { problem, close: "'" + close + "'" }) : say("wsPrinciples", { problem, ids: ids.join(", ") })), null;
      }
      if (principle.scored === false) return w.add(loc, say("wsUnscored", { title: principle.title })), null;
      if (principleAt.has(value)) return w.add(loc, say("wsListedTwice", { value: quoted(value), place: place(principleAt.get(value)) })), null;
      principleAt.set(value, loc);
      return principle;
    };
    c.level = (value, loc, principle) => {
      if (value === null) return;
      const ids = (principle.levels || bank.levels).map((l) => l.id);
      const expected = say("wsLevelOneOf", { ids: ids.join(", ") });
      if (typeof value !== "string") {
        w.add(loc, say("wsWith", { problem: say("expected", { what: say("wsLevelOrNull"), found: kind(value) }), expected }));
      } else if (!ids.includes(value)) {
        w.add(loc, say("wsWith", { problem: say("wsNotLevel", { value: quoted(value), title: principle.title }), expected }));
      }
    };
    c.action = (value, loc) => w.fields(value, loc, KEYS.action, {
      id: c.actionId,
      text: (v, at) => w.text(v, at, MAX.actionText),
      owner: c.owner,
      due: (v, at) => w.date(v, at, true),
      status: c.status,
      update: (v, at) => w.text(v, at, MAX.update, true, true)
    });
    c.actionId = (value, loc) => {
      if (!w.text(value, loc, MAX.actionId, true)) return;
      if (actionAt.has(value)) w.add(loc, say("wsActionTwice", { value: quoted(value), place: place(actionAt.get(value)) }));
      else actionAt.set(value, loc);
    };
    c.owner = (value, loc) => {
      const given = w.fields(value, loc, KEYS.owner, {
        organisation: (v, at) => w.text(v, at, MAX.owner), role: (v, at) => w.text(v, at, MAX.owner) });
      if (given && !own(given, "organisation") && !own(given, "role")) w.add(loc, say("wsOwner"));
    };
    c.status = (value, loc) => {
      const expected = say("wsStatusOneOf", { ids: STATUSES.join(", ") });
      if (typeof value !== "string") w.add(loc, say("wsWith", { problem: say("expected", { what: say("aText"), found: kind(value) }), expected }));
      else if (!STATUSES.includes(value)) w.add(loc, say("wsWith", { problem: say("wsNotStatus", { value: quoted(value) }), expected }));
    };
    return c;
  }

  /** One problem as the command line prints it: `FILE: place: cause`. */
  const line = (file, p) => P.problemText(P.problem(file, p.loc.length ? place(p.loc) + ": " + p.cause : p.cause));

  /** A workshop file's text -> {record, warnings} or {error, errors} (the lines `selfassess`
      prints, the first one the fixtures pin). `record` is the file's document as written. */
  function read(text, bank, fileName) {
    const body = text.replace(/^\ufeff/, "");
    let doc;
    try {
      doc = JSON.parse(body);
    } catch (error) {
      return refuse([fileName + ": " + say("wsNotJson"), fileName + ": " + say("badJson", { error: error.message })]);
    }
    const refused = R.jsonRefusal(body, fileName);
    if (refused) return refuse([P.problemText(refused)]);
    const problems = check(doc, bank);
    if (problems.length) return refuse(problems.map((p) => line(fileName, p)));
    const version = doc.questionnaire.version, warnings = [];
    if (version !== bank.version) warnings.push(fileName + ": " + say("wsVersion", { version, current: bank.version }));
    return { record: doc, warnings };
  }

  const refuse = (errors) => ({ error: errors[0], errors });

  /** A picked file's bytes (or null when over the limit unread) -> read()'s answer, refusing
      first what inputs/files.py refuses in any file: too large, UTF-16, binary, empty, not UTF-8. */
  function readBytes(bytes, size, bank, fileName) {
    const at = (key, values) => refuse([fileName + ": " + say(key, values)]);
    if (size > MAX_BYTES || !bytes) return at("wsTooLarge", { size: Math.ceil(size / 1e6) });
    if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return at("wsUtf16");
    if (Array.prototype.indexOf.call(bytes.subarray(0, 8192), 0) >= 0) return at("wsBinary");
    if (Array.prototype.every.call(bytes, (b) => b === 0x20 || (b >= 0x09 && b <= 0x0d))) return at("wsFileEmpty");
    const decoded = R.decode(bytes, fileName, false);
    return decoded.problem ? refuse([P.problemText(decoded.problem)]) : read(decoded.text, bank, fileName);
  }

  /** The file's text for a record: keys in the format's order, every optional key written
      (an owner's only when given), two-space JSON and a final new line. */
  function write(record) {
    const action = (a) => {
      const owner = {};
      for (const key of ["organisation", "role"]) if (a.owner && typeof a.owner[key] === "string") owner[key] = a.owner[key];
      return { id: a.id, text: a.text, owner, due: a.due ?? null, status: a.status, update: a.update ?? "" };
    };
    const out = {
      format: FORMAT,
      questionnaire: { id: record.questionnaire.id, version: record.questionnaire.version },
      round: { label: record.round.label, date: record.round.date },
      organisations: (record.organisations || []).slice(),
      principles: record.principles.map((p) => ({ id: p.id, agreed_level: p.agreed_level, note: p.note ?? "",
        actions: (p.actions || []).map(action) }))
    };
    return JSON.stringify(out, null, 2) + "\n";
  }

  const scoredOf = (bank) => bank.principles.filter((p) => p.scored !== false);
  const blankAction = (id) => ({ id, text: "", organisation: "", role: "", due: "", status: "planned", update: "" });
  /** An empty draft: the round's date today (passed in: no clock here), nothing recorded. */
  const emptyDraft = (today) => ({ round: { label: "", date: today || "" }, organisations: [], principles: S.dict() });
  /** A principle's part of the draft; `agreed` "" until recorded, null "not agreed", or a level id. */
  function entry(draft, pid) {
    if (!draft.principles[pid]) draft.principles[pid] = { agreed: "", note: "", actions: [] };
    return draft.principles[pid];
  }

  /** The first free action id A1, A2 ... (ids are unique in the whole file). */
  function nextActionId(draft) {
    const used = new Set(Object.values(draft.principles).flatMap((e) => e.actions.map((a) => a.id)));
    let n = 1;
    while (used.has("A" + n)) n++;
    return "A" + n;
  }

  /** The record the draft stands for: principles in bank order, only those with an agreed
      level (or "not agreed"), a note or an action; texts as typed (blank ones refused by check). */
  function record(bank, draft) {
    const principles = scoredOf(bank).flatMap((p) => {
      const e = draft.principles[p.id];
      if (!e || (e.agreed === "" && e.note === "" && !e.actions.length)) return [];
      return [{ id: p.id, agreed_level: e.agreed === "" ? null : e.agreed, note: e.note, actions: e.actions.map((a) => {
        const owner = {};
        if (a.organisation !== "") owner.organisation = a.organisation;
        if (a.role !== "") owner.role = a.role;
        return { id: a.id, text: a.text, owner, due: a.due === "" ? null : a.due, status: a.status, update: a.update };
      }) }];
    });
    return { format: FORMAT, questionnaire: { id: bank.id, version: bank.version }, round: { label: draft.round.label, date: draft.round.date },
      organisations: draft.organisations.slice(), principles };
  }

  /** A checked record (read()'s) as a draft, to carry on with. */
  function draftOf(bank, rec) {
    const draft = emptyDraft(rec.round.date);
    draft.round.label = rec.round.label;
    draft.organisations = (rec.organisations || []).slice();
    for (const p of rec.principles) {
      const e = entry(draft, p.id);
      e.agreed = p.agreed_level === null ? null : p.agreed_level;
      e.note = p.note ?? "";
      e.actions = (p.actions || []).map((a) => ({ id: a.id, text: a.text, organisation: a.owner.organisation ?? "",
        role: a.owner.role ?? "", due: a.due ?? "", status: a.status, update: a.update ?? "" }));
    }
    return draft;
  }

  /** A draft saved on this device (anything: another version's, a hand-edited one), keeping only
      values of the right kind for this bank; the rest is dropped, never trusted. */
  function restore(bank, saved, today) {
    const draft = emptyDraft(today), text = (v) => (typeof v === "string" ? v : "");
    if (!isObject(saved)) return draft;
    if (isObject(saved.round)) draft.round = { label: text(saved.round.label), date: text(saved.round.date) };
    if (Array.isArray(saved.organisations)) draft.organisations = saved.organisations.filter((o) => typeof o === "string");
    const principles = isObject(saved.principles) ? saved.principles : {};
    const seen = new Set();
    for (const p of scoredOf(bank)) {
      if (!own(principles, p.id) || !isObject(principles[p.id])) continue;
      const s = principles[p.id], e = entry(draft, p.id), levels = (p.levels || bank.levels).map((l) => l.id);
      e.agreed = s.agreed === null || levels.includes(s.agreed) ? s.agreed : "";
      e.note = text(s.note);
      e.actions = (Array.isArray(s.actions) ? s.actions : []).filter(isObject).map((a) => {
        const kept = blankAction(text(a.id));
        for (const key of ["text", "organisation", "role", "due", "update"]) kept[key] = text(a[key]);
        kept.status = STATUSES.includes(a.status) ? a.status : "planned";
        return kept;
      }).filter((a) => a.id !== "" && !seen.has(a.id) && seen.add(a.id));
    }
    return draft;
  }

  /** Where a problem of record(bank, draft) is on the page: the principle's id, the action's id
      (or null) and the field (`label`, `date`, `organisations`, `agreed`, `note` or the action's). */
  function fieldOf(rec, loc) {
    if (loc[0] === "round") return { principle: null, action: null, field: loc[1] };
    if (loc[0] !== "principles") return { principle: null, action: null, field: "organisations" };
    const p = rec.principles[loc[1]], field = { agreed_level: "agreed", note: "note" }[loc[2]] || "agreed";
    if (loc[2] !== "actions" || typeof loc[3] !== "number") return { principle: p.id, action: null, field };
    const a = p.actions[loc[3]];
    return { principle: p.id, action: a.id, field: loc[4] === "owner" ? (loc[5] || "organisation") : loc[4] || "text" };
  }

  /** The name the page downloads a record as. */
  const fileName = (bank, rec) => "workshop-" + bank.id + "-" + rec.round.date + ".json";

  root.SelfassessWorkshop = { FORMAT, STATUSES, MAX, MAX_BYTES, check, place, read, readBytes, write,
    emptyDraft, entry, blankAction, nextActionId, record, draftOf, restore, fieldOf, fileName };
})(globalThis);
