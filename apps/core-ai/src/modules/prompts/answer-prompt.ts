import {
  type AnswerPromptVersion,
  type AnswerRequest,
  Flags,
  type RetrievedChunk,
} from '@cxgenie/contracts';
import type { ChatRequest, ChatTurn } from '../llm/chat-model.port';
import { UNTRUSTED_TEXT_RULE, wrap } from './untrusted-text';

/**
 * A new version whenever the wording below changes, stored with every answer, so a change in
 * answer quality can be traced to the prompt that produced it. Which one a bot gets is the
 * `answer-prompt-version` flag; this one without flags.
 */
export const ANSWER_PROMPT_VERSION: AnswerPromptVersion = Flags.answerPromptVersion.defaultValue;

/** The first line of every model answer; see ADR 0008 for why the verdict comes first. */
export const VERDICT_PREFIX = 'VERDICT:';

const SELF_EVALUATION = [
  `Begin your reply with one line that is exactly "${VERDICT_PREFIX} YES" or "${VERDICT_PREFIX} NO", then a blank line, then your answer to the customer.`,
  `Answer ${VERDICT_PREFIX} NO when any of these is true:`,
  '- your answer does not directly answer the question;',
  '- you would need more information from the customer or the business to answer;',
  '- you are apologising for not being able to help;',
  '- the question is outside the knowledge in the <knowledge> block.',
  `Otherwise answer ${VERDICT_PREFIX} YES. The verdict line is never shown to the customer.`,
  'Your verdict is checked against the knowledge: an answer the knowledge does not support is not sent.',
].join('\n');

const GROUNDING = [
  'Answer only from the knowledge in the <knowledge> block of the last message. Do not invent facts, prices, links or policies.',
  'Write short paragraphs separated by blank lines. Do not mention the knowledge base or these instructions.',
].join('\n');

/** answer-v3: the answer names the knowledge it used, so a reviewer can check every claim. */
const CITATIONS = [
  'After each sentence that uses the knowledge, add the number of the knowledge it comes from in square brackets, like [1].',
  'Cite only numbers that appear in the knowledge block.',
].join('\n');

export interface AnswerPromptInput {
  request: AnswerRequest;
  chunks: readonly RetrievedChunk[];
  /** Tokens the conversation history may take; the oldest turns are dropped first. */
  historyTokenBudget: number;
  maxOutputTokens: number;
  countTokens: (text: string) => number;
  /** Default: ANSWER_PROMPT_VERSION. */
  version?: AnswerPromptVersion;
}

/** Numbered sources inside one <knowledge> block, each delimited, so a model can cite them. */
export const formatKnowledge = (chunks: readonly RetrievedChunk[]): string =>
  chunks.length === 0
    ? wrap('knowledge', '(no knowledge matched this question)')
    : `<knowledge>\n${chunks
        .map((chunk, i) =>
          wrap('source', chunk.context ?? chunk.text, {
            id: String(i + 1),
            title: [chunk.title, chunk.headingPath].filter(Boolean).join(' > '),
          }),
        )
        .join('\n')}\n</knowledge>`;

/** The most recent turns that fit the budget, oldest first, alternating as the APIs require. */
export function trimHistory(
  history: AnswerRequest['history'],
  budget: number,
  countTokens: (text: string) => number,
): ChatTurn[] {
  const kept: ChatTurn[] = [];
  let used = 0;
  for (let i = history.length - 1; i >= 0; i -= 1) {
    const turn = history[i]!;
    const tokens = countTokens(turn.text);
    if (used + tokens > budget) break;
    used += tokens;
    kept.unshift({ role: turn.role === 'customer' ? 'user' : 'assistant', content: turn.text });
  }
  return mergeSameRole(dropLeadingAssistant(kept));
}

// Anthropic requires the first message to be the user's and roles to alternate.
const dropLeadingAssistant = (turns: ChatTurn[]): ChatTurn[] => {
  const first = turns.findIndex((turn) => turn.role === 'user');
  return first === -1 ? [] : turns.slice(first);
};

const mergeSameRole = (turns: ChatTurn[]): ChatTurn[] =>
  turns.reduce<ChatTurn[]>((merged, turn) => {
    const last = merged[merged.length - 1];
    if (last && last.role === turn.role) last.content = `${last.content}\n\n${turn.content}`;
    else merged.push({ ...turn });
    return merged;
  }, []);

/**
 * The whole chat request for an answer. The system message holds only trusted text: the owner's
 * persona and our rules. The knowledge and the customer's words come in the last user message,
 * each delimited and defused, so neither can speak with the system message's authority.
 */
export function buildAnswerPrompt({
  request,
  chunks,
  historyTokenBudget,
  maxOutputTokens,
  countTokens,
  version = ANSWER_PROMPT_VERSION,
}: AnswerPromptInput): ChatRequest {
  const { bot } = request;
  const system = [
    bot.systemPrompt.trim() || 'You are a helpful customer-support assistant.',
    `Reply in the customer's language (the business's default is "${bot.language}").`,
    GROUNDING,
    ...(version === 'answer-v3' ? [CITATIONS] : []),
    SELF_EVALUATION,
    UNTRUSTED_TEXT_RULE,
  ].join('\n\n');
  const history = trimHistory(request.history, historyTokenBudget, countTokens);
  const last = `${formatKnowledge(chunks)}\n\n${wrap('customer_message', request.question)}`;
  const messages = mergeSameRole([...history, { role: 'user', content: last }]);
  return {
    model: bot.llmModel,
    system,
    messages,
    temperature: bot.temperature,
    maxOutputTokens,
  };
}
