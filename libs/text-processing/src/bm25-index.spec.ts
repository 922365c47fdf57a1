import { Bm25Index } from './bm25-index';

describe('Bm25Index', () => {
  const build = () => {
    const index = new Bm25Index();
    index.add('refund', 'Refunds are paid back to the original card within five days.');
    index.add('invoice', 'Invoices are emailed on the first day of every month.');
    index.add('password', 'Reset your password from the login page.');
    return index;
  };

  it('ranks the matching document first and leaves unrelated ones out', () => {
    const hits = build().score('when is my refund paid?');
    expect(hits.map((hit) => hit.id)).toEqual(['refund']);
    expect(hits[0]!.score).toBeGreaterThan(0);
  });

  it('scores rare terms above common ones', () => {
    const index = new Bm25Index();
    for (let i = 0; i < 10; i++) index.add(`common-${i}`, 'account settings page');
    index.add('rare', 'account settings page for webhooks');
    expect(index.idf('webhook')).toBeGreaterThan(index.idf('account'));
    expect(index.score('webhooks account', 1)[0]!.id).toBe('rare');
  });

  it('applies k1 saturation and length normalisation', () => {
    const index = new Bm25Index({ k1: 1.2, b: 0.75 });
    index.add('short', 'vacuum');
    index.add('long', `vacuum ${'filler words about other topics '.repeat(20)}`);
    index.add('other', 'nothing relevant');
    const [first, second] = index.score('vacuum');
    expect(first!.id).toBe('short');
    expect(second!.score).toBeLessThan(first!.score);
  });

  it('replaces a re-added id and forgets removed ones', () => {
    const index = build();
    index.add('refund', 'Completely different text about shipping.');
    expect(index.score('refund')).toEqual([]);
    expect(index.remove('password')).toBe(true);
    expect(index.remove('password')).toBe(false);
    expect(index.size).toBe(2);
    expect(index.score('password reset')).toEqual([]);
  });
});
