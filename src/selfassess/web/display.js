/* selfassess display: how figures are shown, on 0-100 (`display: percent`) or on the bank's
   own scale (`display: scale`), and how a figure in that unit is compared with a level or a
   threshold. The twin of src/selfassess/core/display.py, pinned by tests/vectors/. Every score
   is computed on 0-100; this only converts what is shown and written. Pure: no DOM. */
(function (root) {
  "use strict";
  // A figure within this of a level's `min` or a threshold reaches it (4.0 is "4.0 and above").
  const TOLERANCE = 1e-9;
  const PERCENT = { unit: "percent", lo: 0, hi: 100, range: 100, onScale: false };

  const reaches = (value, minimum) => value >= minimum - TOLERANCE;
  const exceeds = (value, limit) => value > limit + TOLERANCE;

  /** The display of a bank (bank_scoring_data): its `scoring.display` and its scale's range. */
  function displayOf(bank) {
    if (!bank.scoring || bank.scoring.display !== "scale") return PERCENT;
    const numbers = bank.scale.filter((o) => o.value !== null).map((o) => o.value);
    const lo = Math.min(...numbers), hi = Math.max(...numbers);
    return { unit: "scale", lo, hi, range: hi - lo, onScale: true };
  }

  const present = (v) => v !== null && v !== undefined;
  /** A score (principle, overall, group, minimum, maximum, median) in the unit. */
  const score = (d, s) => (!present(s) ? null : d.onScale ? d.lo + s * d.range / 100 : s);
  /** A difference between scores (spread, IQR, change) in the unit. */
  const difference = (d, x) => (!present(x) ? null : d.onScale ? x * d.range / 100 : x);
  /** A figure in the unit back on 0-100 (where a chart draws a level's band). */
  const percent = (d, v) => (d.onScale ? (v - d.lo) * 100 / d.range : v);

  const roundHalfUp = (x) => (x >= 0 ? Math.floor(x + 0.5) : -Math.floor(-x + 0.5));
  /** 3.45 -> "3.5", -0.25 -> "-0.3": the tenths written to nine decimals first, as display.py. */
  function oneDecimal(value) {
    const tenths = roundHalfUp(Number((value * 10).toFixed(9)));
    const whole = Math.abs(tenths);
    return (tenths < 0 ? "-" : "") + Math.floor(whole / 10) + "." + (whole % 10);
  }
  const DASH = "\u2013";
  /** A score as people read it: whole on 0-100, one decimal on the scale, half up. */
  const text = (d, s) => (!present(s) ? DASH : d.onScale ? oneDecimal(score(d, s)) : String(roundHalfUp(s)));
  const differenceText = (d, x) => (!present(x) ? DASH : d.onScale ? oneDecimal(difference(d, x)) : String(roundHalfUp(x)));

  /** The id of the level with the highest `min` the value (in the displayed unit) reaches. */
  function levelOf(levels, value) {
    let found = null;
    if (present(value)) for (const level of levels) if (reaches(value, level.min)) found = level.id;
    return found;
  }

  root.SelfassessDisplay = {
    TOLERANCE, PERCENT, reaches, exceeds, displayOf, score, difference, percent, oneDecimal, text, differenceText, levelOf
  };
})(globalThis);
