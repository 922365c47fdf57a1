import { DEFAULT_PRICE_TABLE, costOf, priceOf } from './price-table';

describe('price table', () => {
  it('prices a dated model by its longest matching prefix', () => {
    expect(priceOf(DEFAULT_PRICE_TABLE, 'openai', 'gpt-4o-mini-2024-07-18')).toEqual({
      input: 0.15,
      output: 0.6,
    });
    expect(priceOf(DEFAULT_PRICE_TABLE, 'openai', 'gpt-4o-2024-08-06')).toEqual({
      input: 2.5,
      output: 10,
    });
  });

  it('costs prompt and completion tokens at their own prices', () => {
    expect(
      costOf(DEFAULT_PRICE_TABLE, {
        provider: 'openai',
        model: 'gpt-4o-mini',
        promptTokens: 1_000_000,
        completionTokens: 500_000,
      }),
    ).toEqual({ costUsd: 0.45, priced: true });
  });

  it('says when it does not know a model instead of guessing, and local is free', () => {
    const usage = { promptTokens: 10, completionTokens: 10 };
    expect(costOf(DEFAULT_PRICE_TABLE, { provider: 'openai', model: 'mystery', ...usage })).toEqual(
      { costUsd: 0, priced: false },
    );
    expect(
      costOf(DEFAULT_PRICE_TABLE, { provider: 'local', model: 'extractive', ...usage }),
    ).toEqual({ costUsd: 0, priced: true });
  });
});
