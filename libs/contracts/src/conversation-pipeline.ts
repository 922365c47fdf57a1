import type { TracedJobData } from './tracing';
import type { ChannelType, ReplyUnknownPolicy } from './domain';

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

export const ANALYTICS_EVENT_TYPES = [
  'message.received',
  'message.answered',
  'message.unanswered',
] as const;
export type AnalyticsEventType = (typeof ANALYTICS_EVENT_TYPES)[number];

/** `analytics.events`: one fact for ClickHouse. */
export interface AnalyticsEventJobData extends TracedJobData {
  type: AnalyticsEventType;
  workspaceId: string;
  occurredAt: string;
  conversationId: string;
  messageId: string;
  data: Record<string, string | number | boolean | null>;
}

/** core-ai `POST /v1/answer` request. */
export interface AnswerRequest {
  workspaceId: string;
  botId: string;
  conversationId: string;
  messageId: string;
  question: string;
  history: { role: 'customer' | 'bot' | 'agent'; text: string }[];
  bot: {
    llmProvider: string;
    llmModel: string;
    systemPrompt: string;
    temperature: number;
    language: string;
    typeReplyUnknown: ReplyUnknownPolicy;
  };
}

/**
 * core-ai `POST /v1/answer` response: newline-delimited JSON, one event per line, in this order:
 * deltas, then exactly one `done` or `error`.
 */
export type AnswerStreamEvent =
  | { type: 'delta'; text: string }
  | { type: 'done'; haveEnoughInformation: boolean; provider: string; model: string }
  | { type: 'error'; message: string };

export const CORE_AI_ANSWER_PATH = '/v1/answer';
