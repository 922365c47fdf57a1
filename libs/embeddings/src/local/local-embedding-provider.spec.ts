import { LOCAL_EMBEDDING_MODEL, LocalEmbeddingProvider } from './local-embedding-provider';

const cosine = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);
const norm = (v: number[]) => Math.sqrt(cosine(v, v));

describe('LocalEmbeddingProvider', () => {
  const provider = new LocalEmbeddingProvider();

  it('declares its space', () => {
    expect(provider.space).toEqual({ model: LOCAL_EMBEDDING_MODEL, dimensions: 1024 });
    expect(new LocalEmbeddingProvider({ dimensions: 384 }).space.dimensions).toBe(384);
    expect(() => new LocalEmbeddingProvider({ dimensions: 3 })).toThrow(RangeError);
  });

  it('is deterministic across instances and returns unit vectors in input order', async () => {
    const texts = ['How do I reset my password?', 'Refund policy', '', 'the and of'];
    const first = await provider.embed(texts);
    const second = await new LocalEmbeddingProvider().embed(texts);
    expect(second).toEqual(first);
    expect(first).toHaveLength(4);
    for (const vector of first) {
      expect(vector).toHaveLength(1024);
      expect(norm(vector)).toBeCloseTo(1, 10);
    }
    expect(cosine(first[0]!, first[1]!)).toBeLessThan(0.99);
  });

  it('puts a paraphrase closer than an unrelated text', async () => {
    const [question, paraphrase, unrelated, synonym] = await provider.embed([
      'How can I cancel a query that has been running for hours?',
      'To stop a long-running query, cancel the backend that executes it.',
      'Our office is closed on public holidays and weekends.',
      'Terminate a slow statement',
    ]);
    expect(cosine(question!, paraphrase!)).toBeGreaterThan(cosine(question!, unrelated!) + 0.2);
    // "cancel" and "terminate" share no word or n-gram: only the synonym groups relate them.
    expect(cosine(question!, synonym!)).toBeGreaterThan(cosine(question!, unrelated!));
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(provider.embed(['x'], controller.signal)).rejects.toThrow();
  });
});
