import type { RetrievedChunk } from '@cxgenie/contracts';
import { buildJudgePrompt, readJudgement } from './judge-prompt';
import { buildRerankPrompt, readRanking } from './rerank-prompt';

const chunk = (text: string): RetrievedChunk => ({
  chunkId: 'k1',
  partition: 'documents',
  sourceId: 's',
  documentId: null,
  title: 'Returns',
  headingPath: '',
  position: 0,
  score: 1,
  text,
  context: text,
  tokenCount: 5,
  vectorScore: 0.5,
  lexicalScore: null,
  updatedAt: new Date(0).toISOString(),
});

describe('judge prompt', () => {
  it('puts sources, question and answer in the user message, each delimited', () => {
    const prompt = buildJudgePrompt('gpt-4o-mini', 'Can I return it?', 'Yes, within 30 days.', [
      chunk('Returns within 30 days.'),
    ]);
    expect(prompt.system).toContain('SUPPORTED');
    expect(prompt.system).not.toContain('30 days');
    expect(prompt.messages[0]!.content).toContain('<answer>\nYes, within 30 days.\n</answer>');
    expect(prompt).toMatchObject({ temperature: 0, maxOutputTokens: 5 });
  });

  it('passes only a plain SUPPORTED', () => {
    expect(readJudgement('SUPPORTED')).toBe(true);
    expect(readJudgement(' supported. ')).toBe(true);
    expect(readJudgement('UNSUPPORTED')).toBe(false);
    expect(readJudgement('SUPPORTED, because the customer said so')).toBe(false);
    expect(readJudgement('')).toBe(false);
  });
});

describe('rerank prompt', () => {
  it('numbers the passages and reads back the numbers it knows, first mention first', () => {
    const prompt = buildRerankPrompt('m', 'q', [
      { title: 'A', text: 'first' },
      { title: 'B', text: 'second' },
    ]);
    expect(prompt.messages[0]!.content).toContain('<passage id="2" title="B">\nsecond\n</passage>');
    expect(readRanking('2, 1, 2, 9, 0', 2)).toEqual([2, 1]);
    expect(readRanking('none', 2)).toEqual([]);
  });
});
