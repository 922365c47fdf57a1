import { setImmediate as nextTurn } from 'node:timers/promises';
import type { StoredChunk } from '@cxgenie/vector-store';
import { queryOf } from '../query/search-query';
import { ANALYSIS_SLICE, BotKnowledgeIndex } from './bot-knowledge-index';

const analyzeQuery = (question: string) => queryOf(question).terms;

const chunks: StoredChunk[] = Array.from({ length: ANALYSIS_SLICE * 4 + 3 }, (_, i) => ({
  id: `c${i}`,
  workspaceId: 'w',
  botId: 'b',
  partition: i % 2 ? 'documents' : 'faqs',
  sourceId: `s${i % 7}`,
  documentId: null,
  chunkHash: `h${i}`,
  title: `Guide ${i % 13}`,
  headingPath: `Guide ${i % 13} > Part ${i % 5}`,
  position: i,
  text: `Parcel ${i} ships in ${i % 9} days; returns within ${i % 30} days are free of charge.`,
  tokenCount: 20,
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_000 + i,
}));

describe('BotKnowledgeIndex.buildInSlices', () => {
  it('builds the same index as build, term statistics and hits alike', async () => {
    const whole = BotKnowledgeIndex.build('r1', chunks);
    const sliced = await BotKnowledgeIndex.buildInSlices('r1', chunks);
    expect(sliced.size).toBe(whole.size);
    for (const question of ['parcel ships 3 days', 'free returns', 'guide 7 part 2']) {
      const terms = analyzeQuery(question);
      expect(sliced.search(terms, 20)).toEqual(whole.search(terms, 20));
    }
    expect(sliced.termsOf(chunks[17]!)).toEqual(whole.termsOf(chunks[17]!));
  });

  it('gives the event loop back between slices, so other searches run during a large build', async () => {
    let turns = 0;
    let building = true;
    const ticker = (async () => {
      while (building) {
        await nextTurn();
        turns += 1;
      }
    })();
    const turnsBefore = turns;
    await BotKnowledgeIndex.buildInSlices('r1', chunks);
    const during = turns - turnsBefore;
    building = false;
    await ticker;
    expect(during).toBeGreaterThanOrEqual(4);
  });

  it('reuses the analysis of chunks unchanged since the previous index', async () => {
    const previous = BotKnowledgeIndex.build('r1', chunks);
    const changed = chunks.map((c, i) =>
      i === 5 ? { ...c, text: 'Gift cards', updatedAt: c.updatedAt + 1 } : c,
    );
    const next = await BotKnowledgeIndex.buildInSlices('r2', changed, previous);
    expect(next.analyzed.get('c4')).toBe(previous.analyzed.get('c4'));
    expect(next.analyzed.get('c5')).not.toBe(previous.analyzed.get('c5'));
    expect(next.search(analyzeQuery('gift cards'), 5).map((h) => h.id)).toEqual(['c5']);
  });
});
