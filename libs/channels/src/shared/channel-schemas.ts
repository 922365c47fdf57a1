import type { SettingsSchema } from '@cxgenie/contracts';

/** What a platform's channel must be configured with: validated whenever a channel is written. */
export interface ChannelSchemas<Settings = unknown> {
  settings: SettingsSchema<Settings>;
  credentials: SettingsSchema<Record<string, string>>;
}

/** One offending field, by its path in the channel body (`credentials.botToken`). */
export interface ChannelConfigurationProblem {
  field: string;
  message: string;
}

/** Every problem of a channel's settings and credentials at once, named by field. */
export function channelConfigurationProblems(
  schemas: ChannelSchemas,
  settings: unknown,
  credentials: unknown,
): ChannelConfigurationProblem[] {
  return [
    ...problemsOf('settings', schemas.settings, settings),
    ...problemsOf('credentials', schemas.credentials, credentials),
  ];
}

function problemsOf(
  root: string,
  schema: SettingsSchema<unknown>,
  value: unknown,
): ChannelConfigurationProblem[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    field: [root, ...issue.path].join('.'),
    message: issue.message,
  }));
}
