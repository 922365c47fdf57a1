import type { AnswerRequest, RetrievedChunk } from '@cxgenie/contracts';
import { buildAnswerPrompt, trimHistory } from './answer-prompt';

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

const request = (history: AnswerRequest['history']): AnswerRequest => ({
  workspaceId: 'w',
  botId: 'b',
  conversationId: 'c',
  messageId: 'm',
  question: 'Can I return a damaged kettle?',
  history,
  bot: {
    llmProvider: 'openai',
    llmModel: 'gpt-4o-mini',
    systemPrompt: 'You are Kettle Co support.',
    temperature: 0.2,
    language: 'en',
    typeReplyUnknown: 'NO_REPLY',
    fallbackMessage: '',
    knowledge: {},
  },
});

const chunk = (text: string): RetrievedChunk => ({
  chunkId: 'k1',
  partition: 'documents',
  sourceId: 's',
  documentId: null,
  title: 'Returns policy',
  headingPath: 'Returns',
  position: 0,
  score: 0.9,
  text,
  tokenCount: 5,
  vectorScore: 0.9,
  lexicalScore: null,
  updatedAt: new Date(0).toISOString(),
});

describe('answer prompt', () => {
  it('carries persona, knowledge, the self-evaluation rule and the question', () => {
    const prompt = buildAnswerPrompt({
      request: request([]),
      chunks: [chunk('Items can be returned within 30 days.')],
      historyTokenBudget: 100,
      maxOutputTokens: 300,
      countTokens: words,
    });
    expect(prompt.system).toContain('You are Kettle Co support.');
    expect(prompt.system).toContain('[1] Returns policy > Returns\nItems can be returned');
    expect(prompt.system).toMatch(/VERDICT: YES.*VERDICT: NO/s);
    expect(prompt.system).toContain('apologising');
    expect(prompt.messages).toEqual([{ role: 'user', content: 'Can I return a damaged kettle?' }]);
    expect(prompt).toMatchObject({ model: 'gpt-4o-mini', temperature: 0.2, maxOutputTokens: 300 });
  });

  it('asks for numbered citations in answer-v2 only, the rest of the prompt unchanged', () => {
    const input = {
      request: request([]),
      chunks: [chunk('Items can be returned within 30 days.')],
      historyTokenBudget: 100,
      maxOutputTokens: 300,
      countTokens: words,
    };
    const v1 = buildAnswerPrompt(input).system;
    const v2 = buildAnswerPrompt({ ...input, version: 'answer-v2' }).system;
    expect(v1).not.toContain('square brackets');
    expect(v2).toContain('in square brackets, like [1]');
    expect(v2.replace(/\n\nAfter each sentence[^]*?knowledge below\./, '')).toBe(v1);
  });

  it('keeps the most recent history that fits, starting with the customer, roles alternating', () => {
    const turns = trimHistory(
      [
        { role: 'customer', text: 'one two three four five six' },
        { role: 'bot', text: 'a b c' },
        { role: 'customer', text: 'hello there' },
        { role: 'agent', text: 'hi' },
        { role: 'bot', text: 'anything else' },
      ],
      8,
      words,
    );
    // 'a b c' would fit the budget only without the older customer turn, and an answer cannot lead.
    expect(turns).toEqual([
      { role: 'user', content: 'hello there' },
      { role: 'assistant', content: 'hi\n\nanything else' },
    ]);
  });

  it('merges a trailing customer turn with the question', () => {
    const prompt = buildAnswerPrompt({
      request: request([{ role: 'customer', text: 'Hi!' }]),
      chunks: [],
      historyTokenBudget: 100,
      maxOutputTokens: 300,
      countTokens: words,
    });
    expect(prompt.messages).toEqual([
      { role: 'user', content: 'Hi!\n\nCan I return a damaged kettle?' },
    ]);
    expect(prompt.system).toContain('(no knowledge matched this question)');
  });
});
