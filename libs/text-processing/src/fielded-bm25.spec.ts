import { FieldedBm25Index, analyzeDocument } from './fielded-bm25';

const doc = (id: string, body: string, title = '', headings = '', group = 'documents') =>
  analyzeDocument({ id, group, title, headings, body });

const weights = { title: 3, headings: 2, body: 1 };
const q = (...terms: string[]) => terms.map((term) => ({ term, weight: 1 }));

describe('FieldedBm25Index', () => {
  it('weighs a term in the title or headings above the same term in the body', () => {
    const index = new FieldedBm25Index(
      [doc('body', 'vacuum reclaims space'), doc('title', 'reclaims space', 'VACUUM')],
      { weights },
    );
    expect(index.search(q('vacuum'), 10).map((h) => h.id)).toEqual(['title', 'body']);
  });

  it('keeps document statistics to its own documents', () => {
    const index = new FieldedBm25Index([doc('a', 'refund policy'), doc('b', 'shipping policy')], {
      weights,
    });
    expect(index.documentFrequency('polici')).toBe(2);
    expect(index.documentFrequency('refund')).toBe(1);
    expect(index.documentFrequency('unknown')).toBe(0);
    expect(index.idf('refund')).toBeGreaterThan(index.idf('polici'));
    expect(index.idf('unknown')).toBeGreaterThan(index.idf('refund'));
  });

  it('returns the best documents of each group and weighs query terms', () => {
    const index = new FieldedBm25Index(
      [
        doc('d1', 'refund refund'),
        doc('d2', 'refund'),
        doc('f1', 'refund', '', '', 'faqs'),
        doc('x', 'nothing here'),
      ],
      { weights },
    );
    const hits = index.search(q('refund'), 1);
    expect(hits.map((h) => [h.id, h.group])).toEqual(
      expect.arrayContaining([
        ['d1', 'documents'],
        ['f1', 'faqs'],
      ]),
    );
    expect(hits).toHaveLength(2);
    const light = index.search([{ term: 'refund', weight: 0.5 }], 5)[0]!.score;
    expect(light).toBeCloseTo(index.search(q('refund'), 5)[0]!.score / 2);
    expect(index.search(q('absent'), 5)).toEqual([]);
  });

  it('keeps the same best documents per group as ranking every match would, ties by document order', () => {
    // Many matches per group, equal scores among them (identical bodies), and documents of one
    // group interleaved with another's: the kept few must be those a full sort puts first.
    const bodies = ['refund refund policy', 'refund policy', 'refund', 'policy refund shipping'];
    const docs = Array.from({ length: 60 }, (_, i) =>
      doc(
        `c${String(i).padStart(2, '0')}`,
        bodies[(i * 7) % 4]!,
        '',
        '',
        i % 3 ? 'documents' : 'faqs',
      ),
    );
    const index = new FieldedBm25Index(docs, { weights });
    const everything = index.search(q('refund', 'polici'), 1_000);
    const docOrder = (id: string) => Number(id.slice(1));
    for (const perGroup of [1, 3, 7]) {
      const expected = ['documents', 'faqs'].flatMap((group) =>
        everything
          .filter((hit) => hit.group === group)
          .sort((a, b) => b.score - a.score || docOrder(a.id) - docOrder(b.id))
          .slice(0, perGroup),
      );
      expect(index.search(q('refund', 'polici'), perGroup)).toEqual(
        expected.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)),
      );
    }
  });
});
