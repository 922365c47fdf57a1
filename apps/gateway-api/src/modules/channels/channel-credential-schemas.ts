import type { FieldProblem } from '@cxgenie/bootstrap';
import type { ChannelType } from '@cxgenie/contracts';

/** A string setting a channel type understands; other settings keys are stored as given. */
interface SettingRule {
  minLength: number;
  maxLength: number;
}

interface ChannelSchema {
  /** Every credential a type needs: all required, all non-blank strings, nothing else allowed. */
  credentials: readonly string[];
  settings: Readonly<Record<string, SettingRule>>;
}

/**
 * What each platform needs to talk to us and to be talked to: the single definition, used to
 * validate on create and (after merging) on every PATCH, and to document the API.
 */
export const CHANNEL_SCHEMAS: Readonly<Record<ChannelType, ChannelSchema>> = {
  messenger: { credentials: ['pageAccessToken', 'appSecret'], settings: {} },
  instagram: { credentials: ['pageAccessToken', 'appSecret'], settings: {} },
  whatsapp: {
    credentials: ['accessToken', 'appSecret', 'phoneNumberId'],
    // Outside WhatsApp's 24-hour window only approved templates may be sent.
    settings: {
      templateName: { minLength: 1, maxLength: 512 },
      templateLanguage: { minLength: 2, maxLength: 35 },
    },
  },
  telegram: { credentials: ['botToken'], settings: {} },
  viber: { credentials: ['authToken'], settings: {} },
  email: { credentials: [], settings: {} },
  web: { credentials: [], settings: {} },
};

const MAX_CREDENTIAL_LENGTH = 4096;
const MAX_SETTINGS_JSON_LENGTH = 16_384;

export type ChannelCredentials = Record<string, string>;

export function credentialProblems(
  type: ChannelType,
  credentials: Record<string, unknown>,
): FieldProblem[] {
  const expected = CHANNEL_SCHEMAS[type].credentials;
  const problems: FieldProblem[] = [];
  for (const key of expected) {
    const value = credentials[key];
    if (value === undefined) {
      problems.push({ field: `credentials.${key}`, message: `is required for ${type}` });
    } else if (typeof value !== 'string' || value.trim() === '') {
      problems.push({ field: `credentials.${key}`, message: 'must be a non-empty string' });
    } else if (value.length > MAX_CREDENTIAL_LENGTH) {
      problems.push({
        field: `credentials.${key}`,
        message: `must be at most ${MAX_CREDENTIAL_LENGTH} characters`,
      });
    }
  }
  for (const key of Object.keys(credentials)) {
    if (!expected.includes(key))
      problems.push({ field: `credentials.${key}`, message: `is not a credential of ${type}` });
  }
  return problems;
}

export function settingsProblems(
  type: ChannelType,
  settings: Record<string, unknown>,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [key, rule] of Object.entries(CHANNEL_SCHEMAS[type].settings)) {
    const value = settings[key];
    if (value === undefined) continue;
    if (
      typeof value !== 'string' ||
      value.trim().length < rule.minLength ||
      value.length > rule.maxLength
    ) {
      problems.push({
        field: `settings.${key}`,
        message: `must be a string of ${rule.minLength} to ${rule.maxLength} characters`,
      });
    }
  }
  if (JSON.stringify(settings).length > MAX_SETTINGS_JSON_LENGTH)
    problems.push({
      field: 'settings',
      message: `must be at most ${MAX_SETTINGS_JSON_LENGTH} characters as JSON`,
    });
  return problems;
}

/** For the API docs: the credentials each type takes. */
export const describeCredentialSchemas = (): string =>
  Object.entries(CHANNEL_SCHEMAS)
    .map(([type, schema]) => `${type}: ${schema.credentials.join(', ') || '(none)'}`)
    .join('; ');
