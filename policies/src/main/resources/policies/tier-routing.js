/// <reference path="sluice-policy.d.ts" />
// Routes by the caller's tier. List a route's targets from the most to the least capable; then
//   gold   callers get every target, most capable first;
//   silver callers get every target, least capable (cheapest) first;
//   free   callers get only the least capable target.
// The tier is the caller's "tier:<name>" tag (x-sluice-tags: tier:gold), else the team's tier below.
//
//   models:
//     - name: chat
//       strategy: js
//       strategy_options: { file: tier-routing.js }
//       targets: [{ provider: openai, model: gpt-4o }, { provider: openai, model: gpt-4o-mini }]

const TEAM_TIERS = { research: "gold", support: "silver" };
const DEFAULT_TIER = "free";

/** @param {PolicyContext["caller"]} caller */
function tierOf(caller) {
  for (const tag of caller.tags) {
    if (tag.startsWith("tier:")) {
      return tag.slice("tier:".length);
    }
  }
  return TEAM_TIERS[caller.team] ?? DEFAULT_TIER;
}

/**
 * @param {PolicyRequest} request
 * @param {PolicyContext} ctx
 * @returns {RouteDecision}
 */
export function route(request, ctx) {
  const labels = ctx.targets.map((t) => t.label);
  switch (tierOf(ctx.caller)) {
    case "gold":
      return labels;
    case "silver":
      return labels.slice().reverse();
    default:
      return labels.slice(-1);
  }
}
