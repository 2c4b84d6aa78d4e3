/// <reference path="sluice-policy.d.ts" />
// Routes by the time of day. In business hours users wait for answers: every target, the fastest
// (by observed latency) first. Outside them, spread the load over the cheap targets in turn and
// keep the premium ones as the last resort. Set the zone of the hours with time_zone:
//
//   strategy_options: { file: time-of-day.js, time_zone: Europe/Berlin }

const BUSINESS_DAYS = [1, 2, 3, 4, 5]; // Monday to Friday
const OPENS = 8;
const CLOSES = 18;
const CHEAP = /(mini|small|haiku|flash|economy)/i;

/**
 * @param {PolicyRequest} request
 * @param {PolicyContext} ctx
 * @returns {RouteDecision}
 */
export function route(request, ctx) {
  const open = BUSINESS_DAYS.includes(ctx.time.weekday) && ctx.time.hour >= OPENS && ctx.time.hour < CLOSES;
  const all = ctx.targets.map((t) => t.label);
  if (open) {
    return { targets: all, strategy: "least-latency" };
  }
  const cheap = ctx.targets.filter((t) => CHEAP.test(t.model)).map((t) => t.label);
  if (cheap.length === 0) {
    return all;
  }
  return { targets: cheap, strategy: "round-robin" };
}
