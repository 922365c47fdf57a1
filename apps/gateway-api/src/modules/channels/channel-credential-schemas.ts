import type { FieldProblem } from '@cxgenie/bootstrap';
import { CHANNEL_SETTINGS_SCHEMAS, channelConfigurationProblems } from '@cxgenie/channels';
import type { ChannelType } from '@cxgenie/contracts';

const MAX_SETTINGS_JSON_LENGTH = 16_384;

export type ChannelCredentials = Record<string, string>;

type MessagingPlatform = keyof typeof CHANNEL_SETTINGS_SCHEMAS;

const schemasOf = (type: ChannelType) =>
  CHANNEL_SETTINGS_SCHEMAS[type as MessagingPlatform] ?? null;

/**
 * A channel's settings and credentials, checked against the schemas its adapter declares (one
 * definition, in `@cxgenie/channels`: what the dashboard accepts is what the adapter can use).
 * The widget takes no credentials.
 */
export function configurationProblems(
  type: ChannelType,
  credentials: Record<string, unknown>,
  settings: Record<string, unknown>,
): FieldProblem[] {
  const schemas = schemasOf(type);
  const problems: FieldProblem[] = schemas
    ? channelConfigurationProblems(schemas, settings, credentials)
    : Object.keys(credentials).map((key) => ({
        field: `credentials.${key}`,
        message: `is not a credential of ${type}`,
      }));
  if (JSON.stringify(settings).length > MAX_SETTINGS_JSON_LENGTH)
    problems.push({
      field: 'settings',
      message: `must be at most ${MAX_SETTINGS_JSON_LENGTH} characters as JSON`,
    });
  return problems;
}

/** Field names of a zod object schema, for the API docs. */
const keysOf = (schema: unknown): string[] => {
  const shape = (schema as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
};

/** For the API docs: the credentials and settings each messaging type takes. */
export const describeCredentialSchemas = (): string =>
  Object.entries(CHANNEL_SETTINGS_SCHEMAS)
    .map(([type, schemas]) => {
      const settings = keysOf(schemas.settings);
      return `${type}: ${keysOf(schemas.credentials).join(', ')}${
        settings.length ? ` (settings: ${settings.join(', ')})` : ''
      }`;
    })
    .join('; ');
