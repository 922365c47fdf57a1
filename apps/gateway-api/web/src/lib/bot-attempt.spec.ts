import type { Answerability, BotNotEnoughDataEvent } from '@cxgenie/contracts';
import type { ConversationContext, Message } from '../api/types';
import { attemptOf } from './bot-attempt';

const WHY: Answerability = {
  score: 0.21,
  threshold: 0.48,
  features: { coverage: 0.2, topScore: 0.31, legsAgree: 0 },
  reason: 'the best passages cover 1 of 5 key terms',
};

const SOURCES = [{ title: 'Returns policy', partition: 'documents', score: 0.31 }];

const live: BotNotEnoughDataEvent = {
  type: 'BOT_NOT_ENOUGH_DATA',
  workspaceId: 'w',
  botId: 'b',
  conversationId: 'c',
  customerId: 'cu',
  channelId: 'ch',
  messageId: 'm1',
  question: 'Can I return a kayak?',
  attemptedAnswer: '',
  attemptPending: true,
  answerability: WHY,
  policy: 'NO_REPLY',
  sources: SOURCES as BotNotEnoughDataEvent['sources'],
  occurredAt: '2026-12-01T10:00:00.000Z',
};

const contextWith = (ticketContext: object | null, botAnswers: object[] = []) =>
  ({
    conversation: {},
    botAnswers,
    ticket: ticketContext && {
      id: 't',
      status: 'open',
      priority: 'normal',
      assigneeId: null,
      context: ticketContext,
      createdAt: '2026-12-01T10:00:01.000Z',
    },
    csat: null,
  }) as unknown as ConversationContext;

const message = (id: string, text: string) => [id, { id, text } as Message] as const;

describe("the inbox's 'What the bot tried'", () => {
  it('prefers the live event, pending attempt and why included', () => {
    expect(
      attemptOf(live, contextWith({ question: 'older', attemptedAnswer: 'x' }), new Map()),
    ).toEqual({
      question: 'Can I return a kayak?',
      answer: '',
      pending: true,
      answerability: WHY,
      policy: 'NO_REPLY',
      sources: SOURCES,
    });
  });

  it('shows a ticket opened earlier with the why it was stored with, when no event was seen', () => {
    const ticket = {
      question: 'Can I return a kayak?',
      attemptedAnswer: 'Kayaks can be returned within 30 days.',
      policy: 'NO_REPLY',
      sources: SOURCES,
      answerability: WHY,
    };
    expect(attemptOf(undefined, contextWith(ticket), new Map())).toEqual({
      question: 'Can I return a kayak?',
      answer: 'Kayaks can be returned within 30 days.',
      pending: false,
      answerability: WHY,
      policy: 'NO_REPLY',
      sources: SOURCES,
    });
  });

  it('shows a ticket older than the stored why without one', () => {
    const attempt = attemptOf(
      undefined,
      contextWith({ question: 'Can I return a kayak?', attemptedAnswer: 'Maybe.' }),
      new Map(),
    );
    expect(attempt).toMatchObject({ answer: 'Maybe.', answerability: null, sources: [] });
  });

  it("falls back to the bot's own unsure answer, and to nothing when the bot was never stuck", () => {
    const unsure = {
      messageId: 'm2',
      seq: 2,
      replyToMessageId: 'm1',
      outcome: 'AI_GENERATE',
      haveEnoughInformation: false,
      citations: SOURCES,
      answerability: WHY,
    };
    const messages = new Map([message('m1', 'Do you ship to Mars?'), message('m2', 'Perhaps.')]);
    expect(attemptOf(undefined, contextWith(null, [unsure]), messages)).toEqual({
      question: 'Do you ship to Mars?',
      answer: 'Perhaps.',
      pending: false,
      answerability: WHY,
      policy: 'AI_GENERATE',
      sources: SOURCES,
    });
    const sure = { ...unsure, haveEnoughInformation: true };
    expect(attemptOf(undefined, contextWith(null, [sure]), messages)).toBeNull();
  });
});
