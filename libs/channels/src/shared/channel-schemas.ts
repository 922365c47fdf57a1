import type { SettingsSchema } from '@cxgenie/contracts';

/** What a platform's channel must be configured with: validated whenever a channel is written. */
export interface ChannelSchemas<Settings = unknown, Credentials = Record<string, string>> {
  settings: SettingsSchema<Settings>;
  credentials: SettingsSchema<Credentials>;
  /** What the two must agree on (a setting that needs a credential), once each fits its schema. */
  consistency?(settings: Settings, credentials: Credentials): ChannelConfigurationProblem[];
}

/** One offending field, by its path in the channel body (`credentials.botToken`). */
export interface ChannelConfigurationProblem {
  field: string;
  message: string;
}

/** Every problem of a channel's settings and credentials at once, named by field. */
export function channelConfigurationProblems<Settings, Credentials>(
  schemas: ChannelSchemas<Settings, Credentials>,
  settings: unknown,
  credentials: unknown,
): ChannelConfigurationProblem[] {
  const parsedSettings = schemas.settings.safeParse(settings);
  const parsedCredentials = schemas.credentials.safeParse(credentials);
  const problems = [
    ...problemsOf('settings', parsedSettings),
    ...problemsOf('credentials', parsedCredentials),
  ];
  if (problems.length === 0 && parsedSettings.success && parsedCredentials.success)
    problems.push(...(schemas.consistency?.(parsedSettings.data, parsedCredentials.data) ?? []));
  return problems;
}

function problemsOf(
  root: string,
  result: ReturnType<SettingsSchema<unknown>['safeParse']>,
): ChannelConfigurationProblem[] {
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    field: [root, ...issue.path].join('.'),
    message: issue.message,
  }));
}
