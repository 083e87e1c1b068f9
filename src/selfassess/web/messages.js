/* The words the page scripts show, by key, from the page's #selfassess-messages JSON (written by
   pages/page_messages.py and answer_file_messages.py in the page's language):
   SelfassessMessages("loaded", { file: "a.json" }).
   A message that follows a number holds one text per plural category (`one`, `other` ...) and
   `count` picks it, by the plural rules of the language under the key "". Kept small: it counts
   towards the form page's size budget. */
globalThis.SelfassessMessages = (function () {
  "use strict";
  const words = JSON.parse(document.getElementById("selfassess-messages")?.textContent ?? "{}");
  const rules = new Intl.PluralRules(words[""]);
  return (key, values = {}) => {
    const text = words[key] ?? key;
    return (text.other ? text[rules.select(values.count)] : text).replace(/\{(\w+)\}/g, (all, name) => values[name] ?? all);
  };
})();
