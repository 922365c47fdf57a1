import type { RetrievedChunk } from '@cxgenie/contracts';
import type { ChatRequest } from '../llm/chat-model.port';
import { UNTRUSTED_TEXT_RULE, wrap } from './untrusted-text';

export const JUDGE_PROMPT_VERSION = 'judge-v1';

const INSTRUCTIONS = [
  'You check a customer-support answer against the sources it was written from.',
  'Reply with exactly one word: SUPPORTED when every factual statement in <answer> is stated in <sources> and the answer addresses <question>; otherwise UNSUPPORTED.',
  UNTRUSTED_TEXT_RULE,
].join('\n\n');

/** A separate call that judges an answer's grounding; it never sees the answer prompt's rules. */
export function buildJudgePrompt(
  model: string,
  question: string,
  answer: string,
  chunks: readonly RetrievedChunk[],
): ChatRequest {
  const sources = chunks
    .map((chunk, i) => wrap('source', chunk.context ?? chunk.text, { id: String(i + 1) }))
    .join('\n');
  return {
    model,
    system: INSTRUCTIONS,
    messages: [
      {
        role: 'user',
        content: `<sources>\n${sources}\n</sources>\n\n${wrap('question', question)}\n\n${wrap('answer', answer)}`,
      },
    ],
    temperature: 0,
    maxOutputTokens: 5,
  };
}

/** Only an unambiguous SUPPORTED passes; anything else (UNSUPPORTED, chatter, nothing) fails. */
export const readJudgement = (reply: string): boolean => /^\W*SUPPORTED\W*$/i.test(reply.trim());
