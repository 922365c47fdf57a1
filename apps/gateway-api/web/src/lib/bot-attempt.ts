import type { Answerability, BotNotEnoughDataEvent } from '@cxgenie/contracts';
import type { ConversationContext, Message } from '../api/types';

/** What the inbox shows under "What the bot tried". */
export interface BotAttempt {
  question: string;
  answer: string;
  /** Handed off before the attempt was written (ADR 0045): it follows. */
  pending: boolean;
  answerability: Answerability | null;
  policy: string | null;
  sources: { title: string; partition: string; score?: number }[];
}

/**
 * What the bot tried and what it found: the live BOT_NOT_ENOUGH_DATA event, else the ticket's
 * handoff context (an agent opening the conversation later sees what one watching live saw),
 * else the latest answer the bot itself marked as unsure.
 */
export function attemptOf(
  live: BotNotEnoughDataEvent | undefined,
  context: ConversationContext | undefined,
  messages: ReadonlyMap<string, Message>,
): BotAttempt | null {
  if (live)
    return {
      question: live.question,
      answer: live.attemptedAnswer,
      pending: live.attemptPending === true,
      answerability: live.answerability ?? null,
      policy: live.policy,
      sources: live.sources,
    };
  const handoff = context?.ticket?.context;
  if (handoff && (handoff.attemptedAnswer || handoff.question))
    return {
      question: handoff.question ?? '',
      answer: handoff.attemptedAnswer ?? '',
      pending: false,
      answerability: handoff.answerability ?? null,
      policy: handoff.policy ?? null,
      sources: handoff.sources ?? [],
    };
  const unsure = context?.botAnswers.find((a) => a.haveEnoughInformation === false);
  if (!unsure) return null;
  return {
    question: (unsure.replyToMessageId && messages.get(unsure.replyToMessageId)?.text) || '',
    answer: messages.get(unsure.messageId)?.text ?? '',
    pending: false,
    answerability: unsure.answerability ?? null,
    policy: unsure.outcome,
    sources: unsure.citations,
  };
}
