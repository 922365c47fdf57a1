import type { ChatRequest } from '../llm/chat-model.port';
import { UNTRUSTED_TEXT_RULE, wrap } from './untrusted-text';

export const RERANK_PROMPT_VERSION = 'rerank-v1';

const PASSAGE_CHARS = 600;

const INSTRUCTIONS = [
  'You rank passages by how well they answer a customer question.',
  'Reply with the numbers of the passages that help answer it, best first, separated by commas (for example: 3,1,7). Reply with 0 when none does.',
  UNTRUSTED_TEXT_RULE,
].join('\n\n');

export function buildRerankPrompt(
  model: string,
  question: string,
  passages: readonly { title: string; text: string }[],
): ChatRequest {
  const listed = passages
    .map((p, i) =>
      wrap('passage', p.text.slice(0, PASSAGE_CHARS), { id: String(i + 1), title: p.title }),
    )
    .join('\n');
  return {
    model,
    system: INSTRUCTIONS,
    messages: [{ role: 'user', content: `${wrap('question', question)}\n\n${listed}` }],
    temperature: 0,
    maxOutputTokens: 60,
  };
}

/** The passage numbers (1-based) the model listed, first mention first, unknown ones dropped. */
export function readRanking(reply: string, count: number): number[] {
  const seen = new Set<number>();
  for (const match of reply.matchAll(/\d+/g)) {
    const n = Number(match[0]);
    if (n >= 1 && n <= count) seen.add(n);
  }
  return [...seen];
}
