import type { LDOptions } from '@launchdarkly/node-server-sdk';
import type { ServiceConfig } from '@cxgenie/config';
import type { FlagsStatusResponse } from '@cxgenie/contracts';

/**
 * Where the SDK gets flags: LaunchDarkly itself (streaming, with an SDK key), the repository's
 * flags file through the SDK's file data source, or a data source a test hands in (the SDK's
 * TestData). Everything after the SDK is the same for all three.
 */
export type FlagDataSource =
  | { kind: 'launchdarkly'; sdkKey: string }
  | { kind: 'file'; path: string }
  | { kind: 'test'; updateProcessor: NonNullable<LDOptions['updateProcessor']> };

export type FlagSourceKind = FlagsStatusResponse['source'];

export const dataSourceFromConfig = (config: ServiceConfig): FlagDataSource =>
  config.flags.launchDarkly.sdkKey
    ? { kind: 'launchdarkly', sdkKey: config.flags.launchDarkly.sdkKey }
    : { kind: 'file', path: config.flags.file };
