/// <reference path="sluice-policy.d.ts" />
// Routes by the prompt's size: short prompts to the fast, cheap targets; long ones (by an estimate
// of their tokens) to the targets that take long contexts. Which targets are which is decided by
// their model names, below; a route with no target of the wanted kind keeps its configured order.

const LONG_PROMPT_TOKENS = 8000;
const LONG_CONTEXT = /(long|128k|200k|gpt-4\.1|claude|gemini)/i;

/** About four characters per token, for English text; counts text parts, tool calls and tools. */
function estimateTokens(request) {
  let chars = 0;
  for (const message of request.messages ?? []) {
    if (typeof message.content === "string") {
      chars += message.content.length;
    } else if (Array.isArray(message.content)) {
      for (const part of message.content) {
        chars += typeof part.text === "string" ? part.text.length : 0;
      }
    }
    chars += message.tool_calls ? JSON.stringify(message.tool_calls).length : 0;
  }
  chars += request.tools ? JSON.stringify(request.tools).length : 0;
  if (typeof request.input === "string") {
    chars += request.input.length;
  }
  return Math.ceil(chars / 4);
}

/**
 * @param {PolicyRequest} request
 * @param {PolicyContext} ctx
 * @returns {RouteDecision}
 */
export function route(request, ctx) {
  const long = estimateTokens(request) > LONG_PROMPT_TOKENS;
  const wanted = ctx.targets.filter((t) => LONG_CONTEXT.test(t.model) === long);
  if (wanted.length === 0) {
    return undefined;
  }
  // The others stay as fallbacks: a long prompt may still fit them, a short one always does.
  const rest = ctx.targets.filter((t) => !wanted.includes(t));
  return wanted.concat(long ? [] : rest).map((t) => t.label);
}
