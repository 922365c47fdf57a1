export * from './fake-launchdarkly.server';
export * from './launchdarkly-flags';
