import type { LlmProvider } from './domain';

/**
 * The chat models each provider is known to serve, by family name. A dated snapshot of a family
 * (`gpt-4o-2024-08-06`, `claude-3-5-haiku-20241022`) or its `-latest` alias is the same family.
 * Anything else (a fine-tune, a model behind an OpenAI-compatible server) is admitted by the
 * deployment's LLM_MODEL_ALLOWLIST.
 */
export const KNOWN_LLM_MODELS: Record<LlmProvider, readonly string[]> = {
  local: ['local-extractive'],
  openai: [
    'gpt-3.5-turbo',
    'gpt-4',
    'gpt-4-turbo',
    'gpt-4o',
    'gpt-4o-mini',
    'gpt-4.1',
    'gpt-4.1-mini',
    'gpt-4.1-nano',
    'gpt-5',
    'gpt-5-mini',
    'gpt-5-nano',
    'o1',
    'o1-mini',
    'o3',
    'o3-mini',
    'o4-mini',
  ],
  anthropic: [
    'claude-3-haiku',
    'claude-3-opus',
    'claude-3-5-haiku',
    'claude-3-5-sonnet',
    'claude-3-7-sonnet',
    'claude-haiku-4-5',
    'claude-sonnet-4',
    'claude-sonnet-4-0',
    'claude-sonnet-4-5',
    'claude-opus-4',
    'claude-opus-4-0',
    'claude-opus-4-1',
  ],
};

/** What a bot gets when it names a provider but no model. */
export const DEFAULT_LLM_MODELS: Record<LlmProvider, string> = {
  local: 'local-extractive',
  openai: 'gpt-4o-mini',
  anthropic: 'claude-3-5-haiku-latest',
};

// `-2024-08-06` (OpenAI), `-20241022` (Anthropic), `-latest` (both).
const SNAPSHOT_SUFFIX = /-(?:\d{4}-\d{2}-\d{2}|\d{8}|latest)$/;

/** Whether a bot may use `model` with `provider`, given the deployment's allow-list. */
export function isAllowedLlmModel(
  provider: LlmProvider,
  model: string,
  allowList: readonly string[] | null,
): boolean {
  if (allowList?.includes(model)) return true;
  const family = model.replace(SNAPSHOT_SUFFIX, '');
  return KNOWN_LLM_MODELS[provider].includes(family);
}
