/// <reference path="sluice-policy.d.ts" />
// Keeps agents cheap. An agent (a request with a session, x-sluice-session, or tagged "agent") makes
// many calls in a loop, so each call is kept small: its answer is capped, oversized prompts are
// refused, expensive models are swapped for cheaper routes, and a session that has spent its
// budget is stopped (ctx.spend.session_usd: what the session's calls cost so far). Other requests
// pass unchanged.
//
//   chain:
//     - js: { file: agent-cost-guard.js }

const MAX_ANSWER_TOKENS = 1024;
const MAX_PROMPT_TOKENS = 32000;
const SESSION_BUDGET_USD = 5;
// Model routes an agent is moved off, and where to.
const CHEAPER_ROUTE = { smart: "fast", "gpt-4o": "gpt-4o-mini" };

function promptTokens(request) {
  let chars = 0;
  for (const message of request.messages ?? []) {
    chars += typeof message.content === "string" ? message.content.length : JSON.stringify(message.content ?? "").length;
  }
  return Math.ceil(chars / 4);
}

/**
 * @param {PolicyRequest} request
 * @param {PolicyContext} ctx
 * @returns {RequestDecision}
 */
export function onRequest(request, ctx) {
  const agent = ctx.caller.session !== null || ctx.caller.tags.includes("agent");
  if (!agent || ctx.operation !== "chat") {
    return undefined;
  }
  const spent = ctx.spend?.session_usd ?? 0;
  if (spent >= SESSION_BUDGET_USD) {
    return { action: "reject", status: 429, code: "session_budget_exceeded",
      message: `agent session ${ctx.caller.session} has spent $${spent.toFixed(2)} of its $${SESSION_BUDGET_USD} budget` };
  }
  const prompt = promptTokens(request);
  if (prompt > MAX_PROMPT_TOKENS) {
    return { action: "reject", status: 413, code: "prompt_too_large",
      message: `agent prompts are limited to ${MAX_PROMPT_TOKENS} tokens; this one has about ${prompt}` };
  }
  const decision = { tags: ["agent"] };
  const asked = request.max_completion_tokens ?? request.max_tokens;
  if (asked === undefined || asked > MAX_ANSWER_TOKENS) {
    decision.max_tokens = MAX_ANSWER_TOKENS;
  }
  if (CHEAPER_ROUTE[request.model] !== undefined) {
    decision.model = CHEAPER_ROUTE[request.model];
    ctx.log(`agent session ${ctx.caller.session}: ${request.model} -> ${decision.model}`);
  }
  return decision;
}
