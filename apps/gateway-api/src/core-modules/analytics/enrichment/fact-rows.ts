import type { AnalyticsFact, LegacyAnalyticsEvent, SentimentJudgement } from '@cxgenie/contracts';

/** What the writer learnt about a fact beyond what its publisher said. */
export interface FactContext {
  timeZone: string;
  botId: string;
  channelType: string;
  customerId: string;
  botName: string;
  customerName: string;
  agentName: string;
  sentiment?: SentimentJudgement;
  costUsd?: number;
}

/** Questions and similar texts are kept for the reports that list them, at this length at most. */
export const MAX_TEXT = 500;

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

/**
 * A fact of the time before typed facts (ADR 0012), still queued: mapped onto its typed form.
 * Its id is what identified it then (the message, or the rating).
 */
export function fromLegacy(event: LegacyAnalyticsEvent): AnalyticsFact | null {
  const d = event.data ?? {};
  const base = {
    workspaceId: event.workspaceId,
    occurredAt: event.occurredAt,
    traceId: event.traceId,
    conversationId: event.conversationId,
    messageId: event.messageId,
    botId: str(d['botId']),
  };
  switch (event.type) {
    case 'message.answered':
      return {
        ...base,
        id: event.messageId,
        type: 'message.answered',
        replyToMessageId: str(d['replyToMessageId']) ?? '',
        outcome: (str(d['outcome']) ?? 'answered') as 'answered',
        haveEnoughInformation: d['haveEnoughInformation'] === true,
        provider: str(d['provider']) ?? '',
        model: str(d['model']) ?? '',
        waitedMs: num(d['waitedMs']),
        chars: num(d['chars']),
      };
    case 'message.unanswered':
      return {
        ...base,
        id: event.messageId,
        type: 'message.unanswered',
        provider: str(d['provider']) ?? '',
        model: str(d['model']) ?? '',
        waitedMs: num(d['waitedMs']),
        question: '',
      };
    case 'csat.submitted':
      return {
        ...base,
        id: str(d['ratingId']) ?? event.messageId,
        type: 'csat.submitted',
        rating: num(d['rating']),
        agentId: str(d['agentId']),
        customerId: str(d['customerId']),
      };
    default:
      // No publisher ever sent message.received before typed facts.
      return null;
  }
}
