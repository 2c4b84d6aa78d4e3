// Types of the Sluice JavaScript policy API, for editors: reference this file from a policy
// (/// <reference path="sluice-policy.d.ts" />) and annotate hooks with JSDoc, or copy it into a
// TypeScript project. The gateway itself ignores it.

/** A chat completion request (OpenAI format), or an embeddings request; read-only. */
interface PolicyRequest {
  model: string;
  messages?: { role: string; content: string | { type: string; text?: string }[] | null; [key: string]: unknown }[];
  input?: string | string[];
  max_tokens?: number;
  max_completion_tokens?: number;
  stream?: boolean;
  tools?: unknown[];
  user?: string;
  metadata?: Record<string, string>;
  [field: string]: unknown;
}

/** What the gateway observed of a target recently. */
interface TargetHealth {
  state: "healthy" | "degraded" | "open" | "half_open";
  /** false while the circuit breaker is open */
  available: boolean;
  /** attempts in the sliding window */
  requests: number;
  /** share of those attempts that failed, 0 to 1 */
  error_rate: number;
  /** typical time of a complete answer; 0 when unknown */
  latency_ms: number;
  /** typical time to the first streamed chunk; 0 when unknown */
  first_token_ms: number;
  p95_ms: number;
}

/** One target of the route, in configured order (route() only). */
interface RouteTarget {
  provider: string;
  model: string;
  /** "provider/model": what route() returns */
  label: string;
  weight: number;
  health: TargetHealth;
}

/** Facts about the call: frozen, its objects read-only. */
interface PolicyContext {
  caller: {
    key: string | null;
    team: string | null;
    project: string | null;
    user: string | null;
    session: string | null;
    tags: readonly string[];
  };
  time: {
    /** milliseconds since the epoch */
    now: number;
    iso: string;
    /** the zone of the fields below: the step's time_zone setting, UTC by default */
    zone: string;
    year: number;
    month: number;
    day: number;
    hour: number;
    minute: number;
    /** 0 = Sunday ... 6 = Saturday */
    weekday: number;
  };
  /** Spend so far, settled calls only: a field is there when the caller has that dimension. */
  spend: PolicySpend;
  operation: "chat" | "embeddings";
  /** The model route being routed (route() only). */
  route?: string;
  /** The route's targets (route() only). */
  targets?: readonly RouteTarget[];
  /** Live health of any target, by "provider/model" or { provider, model }. */
  health(target: string | { provider: string; model: string }): TargetHealth;
  /** Writes a line to the gateway log (at most 20 lines of 1000 characters per call). */
  log(...values: unknown[]): void;
}

/**
 * What the caller has spent before this request, in US dollars. The session's figures cover all its
 * calls; the key's, user's, team's and project's cover the current UTC day and month, the periods
 * budgets count in.
 */
interface PolicySpend {
  session_usd?: number;
  session_requests?: number;
  /** prompt plus completion tokens */
  session_tokens?: number;
  key_today_usd?: number;
  key_month_usd?: number;
  user_today_usd?: number;
  user_month_usd?: number;
  team_today_usd?: number;
  team_month_usd?: number;
  project_today_usd?: number;
  project_month_usd?: number;
}

/** A target label "provider/model", or a model name that only one of the route's targets has. */
type TargetRef = string | { provider: string; model: string };

/**
 * route(): nothing keeps the configured order; an empty list fails the request with 503. A string
 * that names none of the route's targets, or { route }, hands the request to that model route.
 */
type RouteDecision =
  | void
  | null
  | TargetRef
  | TargetRef[]
  | { targets?: TargetRef[]; strategy?: "fallback" | "weighted" | "least-latency" | "round-robin" | "random" }
  | { route: string };

/** onRequest(): nothing continues unchanged. */
type RequestDecision =
  | void
  | null
  | {
      action?: "continue";
      /** route the request to another model route */
      model?: string;
      /** set the output token cap (chat only) */
      max_tokens?: number;
      /** merged into the request's metadata field, sent upstream */
      metadata?: Record<string, string | number | boolean>;
      /** added to the caller's tags (and the x-sluice-policy-tags response header) */
      tags?: string[];
    }
  | {
      action: "reject";
      /** 400 to 599; 403 by default */
      status?: number;
      message: string;
      /** the error code the client sees; policy_rejected by default */
      code?: string;
    }
  | GuardrailVerdict;

/**
 * A guardrail verdict: recorded in the audit record's guardrails_triggered under the policy
 * file's name; "block" fails the request (400 guardrail_blocked), "flag" lets it pass.
 */
interface GuardrailVerdict {
  action: "block" | "flag";
  /** the rule's name, for audit records and metrics */
  rule: string;
  /** what the client is told on a block */
  message?: string;
}

/** The answer: a chat completion; for a stream, a summary sent when the stream ends. */
type PolicyResponse =
  | ({ stream?: undefined; id: string; model: string; choices: unknown[]; usage?: Usage; [field: string]: unknown })
  | { stream: true; id: string | null; model: string | null; usage: Usage | null; finish_reasons: string[] }
  | { object: "list"; model: string; usage?: Usage; data_count: number };

interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

/** onResponse(): tags for cost reports and audit, or a guardrail verdict on the answer. */
type ResponseDecision = void | null | { tags?: string[] } | GuardrailVerdict;

declare function route(request: PolicyRequest, ctx: PolicyContext): RouteDecision;
declare function onRequest(request: PolicyRequest, ctx: PolicyContext): RequestDecision;
declare function onResponse(response: PolicyResponse, ctx: PolicyContext): ResponseDecision;
