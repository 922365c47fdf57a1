import { Logger } from '@nestjs/common';
import {
  type LDClient,
  type LDLogger,
  type LDOptions,
  init,
  integrations,
} from '@launchdarkly/node-server-sdk';
import type { ServiceConfig } from '@cxgenie/config';
import type { FlagDataSource } from './flag-data-source';

/** The SDK's log lines in the service's JSON log, at the SDK's own levels. */
function sdkLogger(): LDLogger {
  const logger = new Logger('LaunchDarkly');
  return {
    error: (...args: unknown[]) => logger.error(args.map(String).join(' ')),
    warn: (...args: unknown[]) => logger.warn(args.map(String).join(' ')),
    info: (...args: unknown[]) => logger.log(args.map(String).join(' ')),
    debug: (...args: unknown[]) => logger.debug(args.map(String).join(' ')),
  };
}

// Neither the file nor TestData is LaunchDarkly: the SDK needs some key, and must send no events.
const LOCAL_SDK_KEY = 'cxgenie-local-flags';

export function createLaunchDarklyClient(config: ServiceConfig, source: FlagDataSource): LDClient {
  const base: LDOptions = {
    logger: sdkLogger(),
    application: { id: 'cxgenie-flags' },
  };
  if (source.kind === 'launchdarkly') {
    const { baseUri, streamUri, eventsUri } = config.flags.launchDarkly;
    return init(source.sdkKey, {
      ...base,
      stream: true,
      ...(baseUri ? { baseUri } : {}),
      ...(streamUri ? { streamUri } : {}),
      ...(eventsUri ? { eventsUri } : {}),
    });
  }
  const updateProcessor =
    source.kind === 'file'
      ? new integrations.FileDataSourceFactory({
          paths: [source.path],
          autoUpdate: true,
        }).getFactory()
      : source.updateProcessor;
  return init(LOCAL_SDK_KEY, {
    ...base,
    updateProcessor,
    sendEvents: false,
    diagnosticOptOut: true,
  });
}
