/* selfassess scoring: the rules of docs/scoring.md, mirroring src/selfassess/score.py.
   Pure: no DOM, no clock, no storage. The same file runs in the form page, the partnership
   page and `node --test`. `bank` is view.bank_scoring_data(); results have the shape of
   `selfassess score --format json` (formats.scores_to_json). Arithmetic follows score.py step
   by step so both agree on every case in tests/vectors/. */
(function (root) {
  "use strict";

  var FORMAT = "selfassess-response/1";
  var UNSPECIFIED = "Unspecified";
  // Python's str.strip() whitespace, which differs a little from JavaScript's trim().
  var PY_SPACE = "[\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+";
  var STRIP = new RegExp("^" + PY_SPACE + "|" + PY_SPACE + "$", "g");

  function strip(text) {
    return typeof text === "string" ? text.replace(STRIP, "") : "";
  }

  function has(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  /** Strings in code-point order, as Python's sorted() and min() compare them. */
  function compareText(a, b) {
    var x = Array.from(a), y = Array.from(b);
    for (var i = 0; i < x.length && i < y.length; i++) {
      var d = x[i].codePointAt(0) - y[i].codePointAt(0);
      if (d) return d;
    }
    return x.length - y.length;
  }

  function numbersOf(scale) {
    return scale.filter(function (o) { return o.value !== null; }).map(function (o) { return o.value; });
  }

  /** A scale value on 0-100: its position between the scale's lowest and highest number. */
  function itemScore(value, scale, reverse) {
    var numbers = numbersOf(scale);
    var lo = Math.min.apply(null, numbers), hi = Math.max.apply(null, numbers);
    var position = (value - lo) / (hi - lo) * 100;
    return reverse ? 100 - position : position;
  }

  /** Mean of [score, weight] pairs; null when there are none. */
  function weightedMean(pairs) {
    var total = 0, weight = 0;
    pairs.forEach(function (pair) { total += pair[0] * pair[1]; weight += pair[1]; });
    return weight ? total / weight : null;
  }

  function mean(values) {
    if (!values.length) return null;
    var total = 0;
    values.forEach(function (v) { total += v; });
    return total / values.length;
  }

  /** The id of the level with the highest `min` at or below the unrounded score. */
  function levelOf(levels, score) {
    if (score === null || score === undefined) return null;
    var found = null;
    levels.forEach(function (level) { if (level.min <= score) found = level.id; });
    return found;
  }

  /** Whole number for people to read: 62.5 -> 63 (not banker's rounding). */
  function roundHalfUp(score) {
    return score >= 0 ? Math.floor(score + 0.5) : -Math.floor(-score + 0.5);
  }

  function organisationOf(name) {
    return strip(name) || UNSPECIFIED;
  }

  function overallOf(bank, principles) {
    if (bank.principles.some(function (p) { return principles[p.id] === null; })) return null;
    return weightedMean(bank.principles.map(function (p) { return [principles[p.id], p.weight]; }));
  }

  function itemsOf(bank, answers) {
    var items = {};
    bank.principles.forEach(function (p) {
      p.questions.forEach(function (q) {
        var value = has(answers, q.id) ? answers[q.id] : null;
        if (value !== null && value !== undefined) items[q.id] = itemScore(value, q.scale, q.reverse);
      });
    });
    return items;
  }

  function principleScore(bank, questions, items) {
    var answered = questions.filter(function (q) { return has(items, q.id); });
    if (!answered.length || answered.length / questions.length < bank.min_answered) return null;
    return weightedMean(answered.map(function (q) { return [items[q.id], q.weight]; }));
  }

  function questionCount(bank) {
    return bank.principles.reduce(function (n, p) { return n + p.questions.length; }, 0);
  }

  /** One respondent entry of `score --format json` (unrounded). */
  function scoreRespondent(bank, response, source) {
    var answers = response.answers || {};
    var who = response.respondent || {};
    var items = itemsOf(bank, answers);
    var principles = {};
    bank.principles.forEach(function (p) { principles[p.id] = principleScore(bank, p.questions, items); });
    var overall = overallOf(bank, principles);
    return {
      source: source === undefined ? "" : source,
      organisation: organisationOf(who.organisation),
      role: strip(who.role) || null,
      principles: principles,
      overall: overall,
      level: levelOf(bank.levels, overall),
      answered: Object.keys(items).length,
      total: questionCount(bank)
    };
  }

  function median(ordered) {
    var n = ordered.length, middle = Math.floor(n / 2);
    if (!n) return null;
    return n % 2 ? ordered[middle] : (ordered[middle - 1] + ordered[middle]) / 2;
  }

  /** Linear interpolation between closest ranks (numpy's default, Excel's QUARTILE.INC). */
  function quantile(ordered, q) {
    var position = (ordered.length - 1) * q;
    var below = Math.floor(position);
    var above = Math.min(below + 1, ordered.length - 1);
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below);
  }

  /** Median and IQR of respondents' scores; `split` when a third or more sit far from it. */
  function scoreConsensus(values, threshold) {
    if (!values.length) return { n: 0, median: null, iqr: null, split: false };
    var ordered = values.slice().sort(function (a, b) { return a - b; });
    var middle = median(ordered);
    var far = ordered.filter(function (v) { return Math.abs(v - middle) > threshold; }).length;
    return {
      n: ordered.length,
      median: middle,
      iqr: quantile(ordered, 0.75) - quantile(ordered, 0.25),
      split: far * 3 >= ordered.length && far > 0
    };
  }

  /** Each organisation: the plain mean of its own respondents, keyed in name order. */
  function scoreOrganisations(bank, respondents) {
    var groups = {};
    respondents.forEach(function (r) {
      (has(groups, r.organisation) ? groups[r.organisation] : (groups[r.organisation] = [])).push(r);
    });
    var organisations = {};
    Object.keys(groups).sort(compareText).forEach(function (name) {
      var members = groups[name];
      var principles = {};
      bank.principles.forEach(function (p) {
        principles[p.id] = mean(members.map(function (m) { return m.principles[p.id]; })
          .filter(function (s) { return s !== null; }));
      });
      var overall = overallOf(bank, principles);
      organisations[name] = { n: members.length, principles: principles, overall: overall,
        level: levelOf(bank.levels, overall) };
    });
    return organisations;
  }

  /** Every organisation weighs the same, however many people answered for it. */
  function scorePartnership(bank, organisations, respondents) {
    var names = Object.keys(organisations).sort(compareText);
    var results = {};
    bank.principles.forEach(function (principle) {
      var scored = names.map(function (name) { return [name, organisations[name].principles[principle.id]]; })
        .filter(function (pair) { return pair[1] !== null; });
      var values = scored.map(function (pair) { return pair[1]; });
      var score = mean(values);
      var low = values.length ? Math.min.apply(null, values) : null;
      var high = values.length ? Math.max.apply(null, values) : null;
      var spread = high !== null && low !== null ? high - low : null;
      var weakest = null;  // `scored` is in name order, so ties go to the first name
      scored.forEach(function (pair) { if (weakest === null || pair[1] < weakest[1]) weakest = pair; });
      var individual = respondents.map(function (r) { return r.principles[principle.id]; })
        .filter(function (s) { return s !== null; });
      var consensus = scoreConsensus(individual, bank.consensus);
      results[principle.id] = {
        score: score,
        level: levelOf(bank.levels, score),
        min: low,
        max: high,
        spread: spread,
        divergent: scored.length >= 2 && spread !== null && spread >= bank.divergence_threshold,
        weakest_organisation: weakest ? weakest[0] : null,
        consensus: { median: consensus.median, iqr: consensus.iqr, split: consensus.split }
      };
    });
    var scores = {};
    bank.principles.forEach(function (p) { scores[p.id] = results[p.id].score; });
    var overall = overallOf(bank, scores);
    return {
      n_respondents: respondents.length,
      n_organisations: names.length,
      overall: overall,
      level: levelOf(bank.levels, overall),
      weakest_principle: weakestPrinciple(bank, scores),
      principles: results
    };
  }

  /** The principle with the lowest score (ties: the one listed first); null when none scored. */
  function weakestPrinciple(bank, scores) {
    var weakest = null;
    bank.principles.forEach(function (p) {
      var s = scores[p.id];
      if (s !== null && s !== undefined && (weakest === null || s < scores[weakest])) weakest = p.id;
    });
    return weakest;
  }

  /** `score --format json` for a list of {source, response} (responses already validated). */
  function scoreAll(bank, responses) {
    var respondents = responses.map(function (r) { return scoreRespondent(bank, r.response, r.source); });
    var organisations = scoreOrganisations(bank, respondents);
    return {
      questionnaire: { id: bank.id, version: bank.version },
      respondents: respondents,
      organisations: organisations,
      partnership: scorePartnership(bank, organisations, respondents)
    };
  }

  // ------------------------------------------------------------------ reading response files

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function shown(value) {
    if (typeof value === "string") return "'" + value + "'";
    if (value === true || value === false) return value ? "True" : "False";
    var text = JSON.stringify(value);
    return text === undefined ? String(value) : text;
  }

  function numberText(value) {
    return String(value);
  }

  function scaleText(scale) {
    return scale.map(function (o) {
      return o.value === null ? o.label + " (empty)" : numberText(o.value) + " " + o.label;
    }).join(", ");
  }

  function typeProblems(raw) {
    var problems = [];
    function need(ok, path, message) { if (!ok) problems.push({ path: path, message: message }); }
    function optionalText(object, key, path) {
      if (has(object, key)) {
        need(object[key] === null || typeof object[key] === "string", path, "expected text or null, found " + shown(object[key]));
      }
    }
    if (!has(raw, "questionnaire")) {
      need(false, "questionnaire", "missing required key 'questionnaire'");
    } else if (!isObject(raw.questionnaire)) {
      need(false, "questionnaire", "expected an object with id and version, found " + shown(raw.questionnaire));
    } else {
      if (!has(raw.questionnaire, "id")) need(false, "questionnaire.id", "missing required key 'id'");
      else need(typeof raw.questionnaire.id === "string", "questionnaire.id", "expected text, found " + shown(raw.questionnaire.id));
      optionalText(raw.questionnaire, "version", "questionnaire.version");
    }
    if (has(raw, "respondent")) {
      if (!isObject(raw.respondent)) need(false, "respondent", "expected an object, found " + shown(raw.respondent));
      else ["organisation", "role", "name"].forEach(function (key) { optionalText(raw.respondent, key, "respondent." + key); });
    }
    optionalText(raw, "completed_at", "completed_at");
    if (has(raw, "answers")) {
      if (!isObject(raw.answers)) need(false, "answers", "expected an object of answers, found " + shown(raw.answers));
      else Object.keys(raw.answers).forEach(function (qid) {
        var v = raw.answers[qid];
        need(v === null || (typeof v === "number" && isFinite(v)), "answers." + qid,
          "expected a number from the scale or null, found " + shown(v));
      });
    }
    if (has(raw, "comments")) {
      if (!isObject(raw.comments)) need(false, "comments", "expected an object of comments, found " + shown(raw.comments));
      else Object.keys(raw.comments).forEach(function (key) {
        need(typeof raw.comments[key] === "string", "comments." + key, "expected text, found " + shown(raw.comments[key]));
      });
    }
    return problems;
  }

  function closeMatch(word, candidates) {
    // A cheap stand-in for difflib.get_close_matches: same length +-1 and few differences.
    var best = null, bestCost = 3;
    candidates.forEach(function (c) {
      var cost = editDistance(word, c);
      if (cost < bestCost && cost <= Math.max(1, Math.floor(c.length / 3))) { best = c; bestCost = cost; }
    });
    return best;
  }

  function editDistance(a, b) {
    var row = [];
    for (var j = 0; j <= b.length; j++) row.push(j);
    for (var i = 1; i <= a.length; i++) {
      var previous = row[0];
      row[0] = i;
      for (j = 1; j <= b.length; j++) {
        var keep = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
        previous = keep;
      }
    }
    return row[b.length];
  }

  /**
   * Check a response file (its text, or the parsed JSON) against the bank, refusing what
   * load.parse_response_json refuses. Returns {ok, response, problems: [{path, message}],
   * warnings}; `response` is the cleaned response when ok, else null.
   */
  function validateResponse(bank, data) {
    function refuse(message, path) {
      return { ok: false, response: null, problems: [{ path: path || "", message: message }], warnings: [] };
    }
    var raw = data;
    if (typeof data === "string") {
      try {
        raw = JSON.parse(data.charCodeAt(0) === 0xfeff ? data.slice(1) : data);
      } catch (error) {
        return refuse("not JSON: " + error.message);
      }
    }
    if (!isObject(raw)) return refuse("not a response file: expected a JSON object");
    if (raw.format !== FORMAT) {
      return has(raw, "format") && raw.format !== null
        ? refuse("wrong format " + shown(raw.format) + "; expected '" + FORMAT + "'", "format")
        : refuse('not a response file: no "format": "' + FORMAT + '"', "format");
    }
    var problems = typeProblems(raw);
    if (problems.length) return { ok: false, response: null, problems: problems, warnings: [] };
    if (raw.questionnaire.id !== bank.id) {
      return refuse("answers questionnaire '" + raw.questionnaire.id + "', not '" + bank.id + "'", "questionnaire.id");
    }
    var questions = {};
    bank.principles.forEach(function (p) { p.questions.forEach(function (q) { questions[q.id] = q; }); });
    var answers = raw.answers || {};
    Object.keys(answers).forEach(function (qid) {
      var question = has(questions, qid) ? questions[qid] : null;
      if (question === null) {
        var close = closeMatch(qid, Object.keys(questions));
        problems.push({ path: "answers." + qid, message: "unknown question id '" + qid + "' for " + bank.id +
          (close ? "; did you mean '" + close + "'?" : "") });
        return;
      }
      var value = answers[qid];
      if (value !== null && numbersOf(question.scale).indexOf(value) < 0) {
        problems.push({ path: "answers." + qid, message: numberText(value) + " is not on the scale of " + qid +
          " (" + scaleText(question.scale) + ")" });
      }
    });
    if (problems.length) return { ok: false, response: null, problems: problems, warnings: [] };
    var warnings = [];
    var version = raw.questionnaire.version;
    if (version !== undefined && version !== null && version !== bank.version) {
      warnings.push("answers version " + version + " of " + bank.id + "; scoring it with version " + bank.version);
    }
    var known = {};
    bank.principles.forEach(function (p) { known[p.id] = true; p.questions.forEach(function (q) { known[q.id] = true; }); });
    var comments = {}, stray = [];
    Object.keys(raw.comments || {}).forEach(function (key) {
      if (has(known, key)) comments[key] = raw.comments[key]; else stray.push(key);
    });
    if (stray.length) warnings.push("comments on unknown ids ignored: " + stray.join(", "));
    var who = raw.respondent || {};
    var response = {
      format: FORMAT,
      questionnaire: { id: raw.questionnaire.id, version: version === undefined ? null : version },
      respondent: { organisation: who.organisation === undefined ? null : who.organisation,
        role: who.role === undefined ? null : who.role, name: who.name === undefined ? null : who.name },
      completed_at: raw.completed_at === undefined ? null : raw.completed_at,
      answers: Object.assign({}, answers),
      comments: comments
    };
    return { ok: true, response: response, problems: [], warnings: warnings };
  }

  root.SelfassessScoring = {
    FORMAT: FORMAT,
    UNSPECIFIED: UNSPECIFIED,
    itemScore: itemScore,
    levelOf: levelOf,
    roundHalfUp: roundHalfUp,
    organisationOf: organisationOf,
    scoreRespondent: scoreRespondent,
    scoreOrganisations: scoreOrganisations,
    scorePartnership: scorePartnership,
    scoreConsensus: scoreConsensus,
    scoreAll: scoreAll,
    validateResponse: validateResponse
  };
})(globalThis);
