import { clampSentiment } from '@cxgenie/analytics';
import type { ChatTurn } from '../llm/chat-model.port';

export const SENTIMENT_SYSTEM_PROMPT = [
  'You rate the sentiment of messages customers wrote to a support team.',
  'For each numbered message give one number from -1 (angry, upset, very dissatisfied) through 0',
  '(neutral: a plain question or statement) to 1 (happy, grateful).',
  'Answer with a JSON array of numbers only, one per message, in the same order. No other text.',
].join(' ');

export const sentimentPrompt = (texts: readonly string[]): ChatTurn[] => [
  {
    role: 'user',
    content: texts.map((text, i) => `${i + 1}. ${JSON.stringify(text)}`).join('\n'),
  },
];

/**
 * The model's scores, or null when its answer is not a JSON array of as many numbers (the
 * caller then falls back to the lexicon rather than guessing which number is whose).
 */
export function parseSentimentScores(answer: string, expected: number): number[] | null {
  const match = /\[[\s\S]*\]/.exec(answer);
  if (!match) return null;
  try {
    const parsed: unknown = JSON.parse(match[0]);
    if (!Array.isArray(parsed) || parsed.length !== expected) return null;
    if (!parsed.every((n) => typeof n === 'number' && Number.isFinite(n))) return null;
    return (parsed as number[]).map(clampSentiment);
  } catch {
    return null;
  }
}
