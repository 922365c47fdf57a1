import type { AnswerRequest } from '@cxgenie/contracts';
import type { HistoryMessage } from '@cxgenie/conversations';
import type { BotConfig } from '../../../../core-modules/bot-config/bot-config.cache';
import type { PendingMessage } from '../steps/message-step';

/** How many earlier messages go with a question. */
export const HISTORY_MESSAGES = 10;

/** What core-ai is asked: the question, its history (from the batch's window), the bot's settings. */
export function buildAnswerRequest(
  workspaceId: string,
  conversationId: string,
  message: PendingMessage,
  bot: BotConfig,
  window: HistoryMessage[],
): AnswerRequest {
  const { id: botId, isActive: _active, handoffPhrases: _phrases, ...settings } = bot;
  return {
    workspaceId,
    botId,
    conversationId,
    messageId: message.id,
    customerId: message.state.customer_id,
    question: message.text,
    history: window
      .filter((m) => m.seq < message.seq && m.senderType !== 'system')
      .slice(-HISTORY_MESSAGES)
      .map((m) => ({ role: m.senderType as 'customer' | 'bot' | 'agent', text: m.text })),
    bot: settings,
  };
}
