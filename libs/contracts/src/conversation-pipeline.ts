import type { TracedJobData } from './tracing';
import type { ChannelType, KnowledgeSourceType, ReplyUnknownPolicy } from './domain';
import type { KnowledgeCitation } from './knowledge';

/** `conversation.inbound`: a customer message is persisted with its sequence and waits for the bot. */
export interface InboundMessageJobData extends TracedJobData {
  workspaceId: string;
  conversationId: string;
  messageId: string;
  seq: number;
}

/** `channel.outbound`: a persisted bot or agent message to deliver on the customer's channel. */
export interface ChannelOutboundJobData extends TracedJobData {
  workspaceId: string;
  conversationId: string;
  messageId: string;
  channelId: string;
  channelType: ChannelType;
}

/** core-ai `POST /v1/answer` request. */
export interface AnswerRequest {
  workspaceId: string;
  botId: string;
  conversationId: string;
  messageId: string;
  /** The customer asking, for usage facts (cost per customer). */
  customerId?: string;
  question: string;
  history: { role: 'customer' | 'bot' | 'agent'; text: string }[];
  bot: {
    llmProvider: string;
    llmModel: string;
    systemPrompt: string;
    temperature: number;
    language: string;
    typeReplyUnknown: ReplyUnknownPolicy;
    /** Sent instead of an unknown answer under INPUT_ANSWER. */
    fallbackMessage: string;
    knowledge: BotKnowledgeSettings;
    /** Greetings, thanks and the like; absent means the defaults (all on, built-in replies). */
    smallTalk?: SmallTalkSettings;
  };
}

/** A bot's retrieval and answering settings; every field falls back to core-ai's default. */
export interface BotKnowledgeSettings {
  /** Chunks an answer is built from. */
  topK?: number;
  faqBoost?: number;
  recencyHalfLifeDays?: number;
  hybridSearch?: boolean;
  maxContextTokens?: number;
  /**
   * The share of questions its knowledge cannot answer that the bot may still answer (0.01 to
   * 0.5, default 0.05): it sets the answerability threshold from core-ai's calibration.
   */
  targetFalseAnswerRate?: number;
  /** Who re-ranks the candidates: `local` (term proximity and coverage) or `llm` (the bot's model). */
  rerank?: 'local' | 'llm';
}

/** Conversation that is not a question: a greeting, thanks, "are you a bot?". */
export const SMALL_TALK_INTENTS = [
  'greeting',
  'thanks',
  'identity',
  'wellbeing',
  'goodbye',
] as const;
export type SmallTalkIntent = (typeof SMALL_TALK_INTENTS)[number];

export interface SmallTalkSettings {
  /** Default true. Off: small talk is treated like any question. */
  enabled?: boolean;
  /** The intents the bot replies to; default all. */
  intents?: SmallTalkIntent[];
  /** The bot's own replies, replacing the built-in ones (written in the bot's language). */
  replies?: Partial<Record<SmallTalkIntent, string>>;
}

/**
 * How sure core-ai is that the knowledge answers the question, and from what: the score, the
 * bot's threshold, and the evidence (each in 0..1), for the playground, the inbox and the logs.
 */
export interface Answerability {
  score: number;
  threshold: number;
  features: Record<string, number>;
  reason: string;
}

/** What an answer is: from the knowledge, or a small-talk reply. */
export const ANSWER_KINDS = ['knowledge', 'small_talk'] as const;
export type AnswerKind = (typeof ANSWER_KINDS)[number];

/**
 * What core-ai did with the question. `answered`: a grounded answer was streamed. When the model
 * said it had not enough information: `generated` (AI_GENERATE streamed it anyway), `fallback`
 * (INPUT_ANSWER streamed the bot's fallback message instead), `silent` (NO_REPLY streamed nothing).
 */
export const ANSWER_OUTCOMES = ['answered', 'generated', 'fallback', 'silent'] as const;
export type AnswerOutcome = (typeof ANSWER_OUTCOMES)[number];

/**
 * core-ai `POST /v1/answer` response: newline-delimited JSON, one event per line, in this order:
 * one `decision`, then deltas, then exactly one `done` or `error` (an `error` may also come
 * before the decision). A consumer that ignores `decision` still gets everything it had before.
 */
export type AnswerStreamEvent =
  | AnswerDecisionEvent
  | { type: 'delta'; text: string }
  | {
      type: 'done';
      /** The final decision: the knowledge answers the question (as in the decision event). */
      haveEnoughInformation: boolean;
      outcome: AnswerOutcome;
      provider: string;
      model: string;
      promptVersion: string;
      citations: KnowledgeCitation[];
      /** The attempted answer when the decision was NO (what the customer did not see, or saw anyway). */
      attemptedAnswer: string | null;
      /** Absent from older core-ai versions: `knowledge`. */
      kind?: AnswerKind;
      answerability?: Answerability | null;
    }
  | { type: 'error'; message: string };

/**
 * The stream's first event: whether the bot answers, decided before any answer text exists (for
 * a model, before or at its verdict line). When `answer` is false the customer-visible outcome is
 * known at once (`silent`: no delta follows; `fallback`: the fallback message follows as exactly
 * one delta, and no other delta; `generated`: the attempt follows as deltas) and the attempted
 * answer for the agents is written after it, arriving in `done.attemptedAnswer`. A consumer hands
 * off on this event (ADR 0045) instead of waiting for `done`: for `silent` and `fallback`
 * everything the customer gets is known once the decision (and the fallback delta) arrived.
 */
export interface AnswerDecisionEvent {
  type: 'decision';
  answer: boolean;
  outcome: AnswerOutcome;
  kind: AnswerKind;
  answerability: Answerability | null;
  /** The knowledge the answer is (or would have been) built from: what a handoff shows the agents. */
  citations: KnowledgeCitation[];
  /** Who writes the answer (as `done` says it); absent from older core-ai versions. */
  provider?: string;
  model?: string;
  promptVersion?: string;
}

/** The answer stream's last event when it ended well: how the answer came about. */
export type AnswerDoneEvent = Extract<AnswerStreamEvent, { type: 'done' }>;

export const CORE_AI_ANSWER_PATH = '/v1/answer';

/** `knowledge.index`: a FAQ or snippet changed; core-ai (re)embeds it or removes it. */
export interface KnowledgeIndexJobData extends TracedJobData {
  workspaceId: string;
  botId: string;
  sourceType: Extract<KnowledgeSourceType, 'faq' | 'snippet'>;
  entryId: string;
  action: 'upsert' | 'delete';
}

/**
 * `knowledge.purge`: a bot was deleted; core-ai removes every chunk of it from the vector store,
 * so deleted knowledge never answers again nor weighs on anything.
 */
export interface KnowledgePurgeJobData extends TracedJobData {
  workspaceId: string;
  botId: string;
}
