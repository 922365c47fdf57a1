/** The service's one LaunchDarkly SDK client (`LDClient`). */
export const LAUNCHDARKLY_CLIENT = Symbol('LAUNCHDARKLY_CLIENT');
/** Where the SDK's data comes from (`FlagDataSource`). */
export const FLAG_DATA_SOURCE = Symbol('FLAG_DATA_SOURCE');
