import type { AnswerRequest } from '@cxgenie/contracts';
import type { ChatRequest } from '../llm/chat-model.port';
import { UNTRUSTED_TEXT_RULE, wrap } from './untrusted-text';

export const REWRITE_PROMPT_VERSION = 'rewrite-v1';

const INSTRUCTIONS = [
  "Rewrite the customer's last message as one standalone search question, using the conversation only to fill in what the message leaves out. Keep the customer's own words; do not answer it.",
  'Reply with the question only, on one line.',
  UNTRUSTED_TEXT_RULE,
].join('\n\n');

/** A follow-up ("and for outgoing mail?") made searchable on its own by the bot's model. */
export function buildRewritePrompt(model: string, request: AnswerRequest): ChatRequest {
  const conversation = request.history
    .slice(-6)
    .map((turn) => `${turn.role}: ${turn.text}`)
    .join('\n');
  return {
    model,
    system: INSTRUCTIONS,
    messages: [
      {
        role: 'user',
        content: `${wrap('conversation', conversation)}\n\n${wrap('customer_message', request.question)}`,
      },
    ],
    temperature: 0,
    maxOutputTokens: 80,
  };
}
