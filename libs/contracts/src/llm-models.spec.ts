import { isAllowedLlmModel } from './llm-models';

describe('isAllowedLlmModel', () => {
  it.each([
    ['openai', 'gpt-4o-mini'],
    ['openai', 'gpt-4o-2024-08-06'],
    ['anthropic', 'claude-3-5-haiku-20241022'],
    ['anthropic', 'claude-3-5-sonnet-latest'],
    ['local', 'local-extractive'],
  ] as const)('admits the known %s model %s', (provider, model) => {
    expect(isAllowedLlmModel(provider, model, null)).toBe(true);
  });

  it.each([
    ['openai', 'claude-3-5-haiku'],
    ['anthropic', 'gpt-4o'],
    ['openai', 'gpt-4o-mini-but-free'],
    ['openai', 'gpt-9'],
    ['local', 'gpt-4o'],
    ['openai', 'gpt-4o-2024-8-6'],
  ] as const)('refuses %s model %s', (provider, model) => {
    expect(isAllowedLlmModel(provider, model, null)).toBe(false);
  });

  it("admits the deployment's own models by exact name only", () => {
    expect(isAllowedLlmModel('openai', 'llama-3.1-70b', ['llama-3.1-70b'])).toBe(true);
    expect(isAllowedLlmModel('openai', 'llama-3.1-70b-latest', ['llama-3.1-70b'])).toBe(false);
  });
});
