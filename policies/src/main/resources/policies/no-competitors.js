/// <reference path="sluice-policy.d.ts" />
// A custom guardrail: blocks prompts that name a competitor and flags answers that promise
// something. Both verdicts are recorded in the audit record's guardrails_triggered under this
// file's name; a block fails the request with 400 guardrail_blocked.
//
//   chain:
//     - js: no-competitors.js

const COMPETITORS = ["acme corp", "globex"];

function promptText(request) {
  return (request.messages ?? [])
    .map((m) => (typeof m.content === "string" ? m.content : ""))
    .join("\n")
    .toLowerCase();
}

/**
 * @param {PolicyRequest} request
 * @param {PolicyContext} ctx
 * @returns {RequestDecision}
 */
function onRequest(request, ctx) {
  const text = promptText(request);
  const named = COMPETITORS.find((name) => text.includes(name));
  if (named) {
    return { action: "block", rule: "competitor", message: "questions about other vendors go to sales" };
  }
}

/**
 * @param {PolicyResponse} response
 * @param {PolicyContext} ctx
 * @returns {ResponseDecision}
 */
function onResponse(response, ctx) {
  const answer = response.choices?.[0]?.message?.content ?? "";
  if (/\b(guarantee|promise)\b/i.test(answer)) {
    return { action: "flag", rule: "commitment" };
  }
}
