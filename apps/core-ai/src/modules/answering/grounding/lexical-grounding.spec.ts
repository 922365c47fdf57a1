import { lexicalSupport } from './lexical-grounding';

const idf = () => 1;
const sources = ['Refunds are paid within 5 business days to the original card. Call 555-0100.'];

describe('lexicalSupport', () => {
  it('is full for an answer made of the sources, partial for one that adds claims', () => {
    expect(lexicalSupport('Refunds are paid to the original card.', sources, idf)).toBe(1);
    const padded = lexicalSupport(
      'Refunds are paid to the original card, or as store credit with a bonus voucher.',
      sources,
      idf,
    );
    expect(padded).toBeGreaterThan(0.3);
    expect(padded).toBeLessThan(0.8);
  });

  it('is zero when the answer states a number or a link the sources do not have', () => {
    expect(lexicalSupport('Refunds are paid within 3 business days.', sources, idf)).toBe(0);
    expect(
      lexicalSupport('Refunds: see https://example.com/refunds for details.', sources, idf),
    ).toBe(0);
    expect(lexicalSupport('Refunds are paid within 5 business days.', sources, idf)).toBe(1);
  });
});
