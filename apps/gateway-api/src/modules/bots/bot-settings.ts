import type { ReplyUnknownPolicy } from '@cxgenie/contracts';
import type { KnowledgeSettings } from '@cxgenie/database';
import { newOpaqueToken } from '../../core-modules/crypto/opaque-token';
import { BotsException } from './bots.exception';

/** Public by design (the widget script embeds it), so it is stored and shown in the clear. */
export const newBotPublicKey = (): string => newOpaqueToken('pk_', 18);

/** A change to knowledge settings: a null resets that field to the engine's default. */
export type KnowledgeSettingsPatch = {
  [K in keyof KnowledgeSettings]?: KnowledgeSettings[K] | null;
};

/** The bot answers unknown questions with the fallback message, so it has to say something. */
export function assertFallbackFitsPolicy(
  policy: ReplyUnknownPolicy,
  fallbackMessage: string,
): void {
  if (policy === 'INPUT_ANSWER' && fallbackMessage.trim() === '')
    throw BotsException.fallbackMessageRequired();
}

/** JSON merge patch (RFC 7396) of one level: a null removes the key, so the default applies. */
export function mergeKnowledgeSettings(
  stored: KnowledgeSettings,
  patch: KnowledgeSettingsPatch,
): KnowledgeSettings {
  const merged: Record<string, unknown> = { ...stored };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged as KnowledgeSettings;
}

/** Only the fields a PATCH named; an absent field must not overwrite the stored value. */
export const withoutUndefined = <T extends object>(values: T): Partial<T> =>
  Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
