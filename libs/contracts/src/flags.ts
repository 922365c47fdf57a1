/*
 * Feature flags: what the flags service (LaunchDarkly behind a Redis cache), the in-process flags
 * client of every other service and the dashboard agree on. Each flag is declared once here, with
 * the value every service falls back to when flags are unavailable: the behaviour from before the
 * flag existed.
 */

/** A value a flag can serve (LaunchDarkly's JSON variations). */
export type FlagValue =
  | boolean
  | number
  | string
  | null
  | FlagValue[]
  | { [key: string]: FlagValue };

export interface FlagDefinition<T extends FlagValue = FlagValue> {
  key: string;
  description: string;
  /** Served when the flags service, Redis and LaunchDarkly are all out of reach, or serve junk. */
  defaultValue: T;
  /** A served value of the wrong shape (a typo in a flag's variations) falls back to the default. */
  accepts(value: unknown): value is T;
}

const oneOf =
  <T extends string>(...values: readonly T[]) =>
  (value: unknown): value is T =>
    typeof value === 'string' && (values as readonly string[]).includes(value);

const integerBetween =
  (min: number, max: number) =>
  (value: unknown): value is number =>
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';

/** How a bot searches its knowledge: `hybrid` leaves it to the bot's own setting. */
export const RETRIEVAL_MODES = ['hybrid', 'vector-only'] as const;
export type RetrievalMode = (typeof RETRIEVAL_MODES)[number];

/** The answer prompts core-ai has (their wording lives in core-ai's prompts module). */
export const ANSWER_PROMPT_VERSIONS = ['answer-v2', 'answer-v3'] as const;
export type AnswerPromptVersion = (typeof ANSWER_PROMPT_VERSIONS)[number];

const defineFlag = <T extends FlagValue>(flag: FlagDefinition<T>): FlagDefinition<T> => flag;

/** Every flag the platform reads. Contexts: see FlagContext. */
export const Flags = {
  retrievalMode: defineFlag<RetrievalMode>({
    key: 'retrieval-mode',
    description:
      "Per bot: 'vector-only' turns BM25 full-text search off; 'hybrid' leaves it to the bot's setting.",
    defaultValue: 'hybrid',
    accepts: oneOf(...RETRIEVAL_MODES),
  }),
  paragraphFlushMs: defineFlag<number>({
    key: 'paragraph-flush-interval-ms',
    description:
      'Milliseconds a streamed answer may sit in the paragraph buffer before it is flushed anyway.',
    defaultValue: 200,
    accepts: integerBetween(10, 5_000),
  }),
  answerPromptVersion: defineFlag<AnswerPromptVersion>({
    key: 'answer-prompt-version',
    description: 'Which answer prompt core-ai builds for the bot (stored with every answer).',
    defaultValue: 'answer-v2',
    accepts: oneOf(...ANSWER_PROMPT_VERSIONS),
  }),
  botKillSwitch: defineFlag<boolean>({
    key: 'bot-kill-switch',
    description:
      'On: the bot answers no new conversation; each one goes straight to the human agents.',
    defaultValue: false,
    accepts: isBoolean,
  }),
} as const;

export const FLAG_DEFINITIONS: readonly FlagDefinition[] = Object.values(Flags) as FlagDefinition[];

export const flagDefinition = (key: string): FlagDefinition | undefined =>
  FLAG_DEFINITIONS.find((flag) => flag.key === key);

/**
 * Who a flag is evaluated for: always a workspace, and the member (`user`) or the bot when the
 * caller knows them. The flags service turns it into a LaunchDarkly multi-kind context with kinds
 * `workspace`, `user` and `bot`, so a flag can target any of the three.
 */
export interface FlagContext {
  workspaceId: string;
  userId?: string | null;
  botId?: string | null;
}

export const FLAG_CONTEXT_KINDS = ['workspace', 'user', 'bot'] as const;

/** One string per context, the same in every service: the cache field and the push registry key. */
export const flagContextKey = ({ workspaceId, userId, botId }: FlagContext): string =>
  `w:${workspaceId}|u:${userId ?? ''}|b:${botId ?? ''}`;

export function parseFlagContextKey(key: string): FlagContext | null {
  const match = /^w:([^|]+)\|u:([^|]*)\|b:([^|]*)$/.exec(key);
  if (!match) return null;
  return { workspaceId: match[1]!, userId: match[2] || null, botId: match[3] || null };
}

/** LaunchDarkly's evaluation reason, as the SDK reports it. */
export interface FlagReason {
  kind: 'OFF' | 'FALLTHROUGH' | 'TARGET_MATCH' | 'RULE_MATCH' | 'PREREQUISITE_FAILED' | 'ERROR';
  ruleIndex?: number;
  ruleId?: string;
  prerequisiteKey?: string;
  inExperiment?: boolean;
  /** `ERROR` only: FLAG_NOT_FOUND, CLIENT_NOT_READY, WRONG_TYPE…, and FLAGS_UNAVAILABLE when the
   * flags service itself could not be reached (the coded default was served). */
  errorKind?: string;
}

export interface FlagEvaluation<T extends FlagValue = FlagValue> {
  flagKey: string;
  value: T;
  /** Null when the default was served. */
  variationIndex: number | null;
  reason: FlagReason;
}

/** Where an in-process evaluation came from. */
export type FlagSource = 'memory' | 'redis' | 'service' | 'default';

/** flags `POST /v1/flags/evaluate`. */
export const FLAGS_EVALUATE_PATH = '/v1/flags/evaluate';
/** flags `POST /v1/flags/evaluate-all`. */
export const FLAGS_EVALUATE_ALL_PATH = '/v1/flags/evaluate-all';
/** flags `GET /v1/flags/status`. */
export const FLAGS_STATUS_PATH = '/v1/flags/status';

export interface EvaluateFlagRequest {
  flagKey: string;
  context: FlagContext;
}

export interface EvaluateAllFlagsRequest {
  context: FlagContext;
}

export interface EvaluateAllFlagsResponse {
  flags: Record<string, FlagEvaluation>;
}

export interface FlagsStatusResponse {
  /** `launchdarkly` with an SDK key (streaming), `file` over the repository's flags file. */
  source: 'launchdarkly' | 'file' | 'test';
  initialized: boolean;
  /** When the SDK last reported a flag change (ISO), null before the first one. */
  lastChangeAt: string | null;
}

/**
 * Evaluations cached in Redis by the flags service, under the deployment's QUEUE_PREFIX:
 * `evaluations`: hash per flag, field `flagContextKey` → JSON FlagEvaluation;
 * `generation`: counter per flag, raised with every change, so an evaluation computed before a
 * change can never be written after it;
 * `contexts`: sorted set of the context keys evaluated recently (score: epoch ms), the contexts
 * whose sockets are told about a change;
 * `told`: hash per flag, context key → the value those sockets were last told (or evaluated);
 * `cachedFlags`: set of the flags with cached evaluations (what "every flag" invalidates);
 * `changes`: pub/sub channel of FlagsChangedMessage.
 */
export const flagsKeys = (prefix: string) => ({
  evaluations: (flagKey: string) => `${prefix}:flags:eval:${flagKey}`,
  generation: (flagKey: string) => `${prefix}:flags:gen:${flagKey}`,
  contexts: `${prefix}:flags:contexts`,
  told: (flagKey: string) => `${prefix}:flags:told:${flagKey}`,
  cachedFlags: `${prefix}:flags:cached`,
  changes: `${prefix}:flags:changes`,
});

/** Published after the Redis cache of these flags was dropped; null: every flag. */
export interface FlagsChangedMessage {
  flagKeys: string[] | null;
  /** Epoch ms at the flags service when the SDK reported the change. */
  changedAt: number;
}

/** Payload of `flag.changed` on the agent namespace: a flag now evaluates differently for a context. */
export interface FlagChangedPayload {
  flagKey: string;
  context: { workspaceId: string; userId: string | null; botId: string | null };
  value: FlagValue;
  variationIndex: number | null;
  reason: FlagReason;
  changedAt: string;
}
