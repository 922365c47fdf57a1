import { contextualChunkText } from './chunk-context';

describe('contextualChunkText', () => {
  it('puts the title and heading path above the text, once each', () => {
    expect(
      contextualChunkText({ title: 'Billing', headingPath: 'Billing > Refunds', text: 'Body' }),
    ).toBe('Billing > Refunds\n\nBody');
    expect(contextualChunkText({ title: '', headingPath: '', text: 'Body' })).toBe('Body');
  });
});
