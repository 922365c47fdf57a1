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
  };
}

/** A bot's retrieval settings; every field falls back to core-ai's default. */
export interface BotKnowledgeSettings {
  topK?: number;
  faqBoost?: number;
  recencyHalfLifeDays?: number;
  hybridSearch?: boolean;
  maxContextTokens?: number;
}

/**
 * What core-ai did with the question. `answered`: a grounded answer was streamed. When the model
 * said it had not enough information: `generated` (AI_GENERATE streamed it anyway), `fallback`
 * (INPUT_ANSWER streamed the bot's fallback message instead), `silent` (NO_REPLY streamed nothing).
 */
export const ANSWER_OUTCOMES = ['answered', 'generated', 'fallback', 'silent'] as const;
export type AnswerOutcome = (typeof ANSWER_OUTCOMES)[number];

/**
 * core-ai `POST /v1/answer` response: newline-delimited JSON, one event per line, in this order:
 * deltas, then exactly one `done` or `error`.
 */
export type AnswerStreamEvent =
  | { type: 'delta'; text: string }
  | {
      type: 'done';
      haveEnoughInformation: boolean;
      outcome: AnswerOutcome;
      provider: string;
      model: string;
      promptVersion: string;
      citations: KnowledgeCitation[];
      /** The model's own answer when it said NO (what the customer did not see, or saw anyway). */
      attemptedAnswer: string | null;
    }
  | { type: 'error'; message: string };

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
