// ESLint (flat config) for the page scripts: src/selfassess/web (the JavaScript that computes)
// and the themes' presentational scripts. One dialect everywhere: classic scripts (pages inline
// them, so no modules), each a strict-mode IIFE, const/let and never var. The size rules are the
// ones tests/test_size.py holds Python to: no file over 400 lines, no function over 80.
"use strict";

module.exports = [
  {
    files: ["src/selfassess/web/**/*.js", "src/selfassess/themes/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: {
        globalThis: "readonly", window: "readonly", document: "readonly", console: "readonly",
        TextDecoder: "readonly", TextEncoder: "readonly", Blob: "readonly", URL: "readonly",
        FileReader: "readonly", CSS: "readonly", localStorage: "readonly", Map: "readonly",
        Set: "readonly", Date: "readonly", setTimeout: "readonly", clearTimeout: "readonly",
        navigator: "readonly", Event: "readonly", HTMLElement: "readonly",
      },
    },
    rules: {
      "no-var": "error",
      "prefer-const": "error",
      strict: ["error", "function"],
      "no-undef": "error",
      "no-unused-vars": ["error", { args: "none", caughtErrors: "none" }],
      eqeqeq: ["error", "always"],
      "no-implicit-globals": "error",
      "max-lines": ["error", { max: 400 }],
      "max-lines-per-function": ["error", { max: 80 }],
    },
  },
];
