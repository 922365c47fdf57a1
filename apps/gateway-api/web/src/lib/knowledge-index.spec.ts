import { type KnowledgeIndexReport, describeKnowledgeIndex } from './knowledge-index';

const report = (over: Partial<KnowledgeIndexReport> = {}): KnowledgeIndexReport => ({
  state: 'complete',
  expected: 12,
  missing: 0,
  repaired: 0,
  orphans: 0,
  removed: 0,
  sourcesInFlight: 0,
  chunksInOtherSpaces: 0,
  failed: false,
  checkedAt: '2026-12-07T03:00:00.000Z',
  ...over,
});

describe("the knowledge tab's index notice", () => {
  it('says nothing for a bot never checked, or when core-ai did not answer', () => {
    expect(describeKnowledgeIndex(null)).toBeNull();
    expect(describeKnowledgeIndex(report({ state: 'unknown', expected: 0 }))).toBeNull();
  });

  it('warns loudly, with the count, when chunks are missing and were not written again', () => {
    expect(
      describeKnowledgeIndex(report({ state: 'incomplete', missing: 5, repaired: 2 })),
    ).toEqual({
      tone: 'danger',
      text: '3 chunks of 12 are missing from the search index: the bot cannot answer from them until the index is repaired.',
    });
    expect(describeKnowledgeIndex(report({ failed: true }))?.tone).toBe('danger');
  });

  it('asks for a reprocess when chunks were embedded with another model', () => {
    expect(describeKnowledgeIndex(report({ chunksInOtherSpaces: 1 }))).toEqual({
      tone: 'warning',
      text: '1 chunk was embedded with another model: reprocess their sources to make them searchable.',
    });
  });

  it('reports a complete index, and what the check wrote again', () => {
    expect(describeKnowledgeIndex(report())).toEqual({
      tone: 'success',
      text: 'Search index complete: 12 chunks.',
    });
    expect(describeKnowledgeIndex(report({ missing: 1, repaired: 1 }))?.text).toBe(
      'Search index complete: 12 chunks, 1 chunk written again.',
    );
  });
});
