/// <reference path="sluice-policy.d.ts" />
// Tags each request with the product feature it serves, and each answer with its size, so that
// cost reports and audit records can be grouped by them. The feature is the request's
// metadata.feature when the client sets it, else guessed from the system prompt. Tags go on the
// caller (where budgets, cost and audit records look) and into the x-sluice-policy-tags header.
//
//   chain:
//     - js: tag-by-feature.js

const FEATURES = [
  ["summarize", /\b(summari[sz]e|summary|tl;dr)\b/i],
  ["translate", /\btranslat(e|ion|or)\b/i],
  ["code", /\b(code|program|function|refactor|debug)\b/i],
  ["support", /\b(customer|support|ticket|refund)\b/i],
];

function systemPrompt(request) {
  const system = (request.messages ?? []).find((m) => m.role === "system" || m.role === "developer");
  return system && typeof system.content === "string" ? system.content : "";
}

function featureOf(request) {
  const named = request.metadata?.feature;
  if (typeof named === "string" && /^[a-z0-9_-]{1,40}$/.test(named)) {
    return named;
  }
  const prompt = systemPrompt(request);
  for (const [feature, pattern] of FEATURES) {
    if (pattern.test(prompt)) {
      return feature;
    }
  }
  return "chat";
}

/**
 * @param {PolicyRequest} request
 * @param {PolicyContext} ctx
 * @returns {RequestDecision}
 */
export function onRequest(request, ctx) {
  const tags = ["feature:" + (ctx.operation === "embeddings" ? "embeddings" : featureOf(request))];
  if (Array.isArray(request.tools) && request.tools.length > 0) {
    tags.push("uses:tools");
  }
  if (request.stream === true) {
    tags.push("stream");
  }
  return { tags };
}

/**
 * @param {PolicyResponse} response
 * @param {PolicyContext} ctx
 * @returns {ResponseDecision}
 */
export function onResponse(response, ctx) {
  const total = response.usage?.total_tokens;
  if (typeof total !== "number") {
    return undefined;
  }
  return { tags: ["tokens:" + (total > 4000 ? "large" : total > 500 ? "medium" : "small")] };
}
