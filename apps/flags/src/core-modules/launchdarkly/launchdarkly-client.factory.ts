import { Logger } from '@nestjs/common';
import {
  type LDClient,
  type LDLogger,
  type LDOptions,
  init,
  integrations,
  type subsystems,
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

/**
 * Emitted by the client when the flags file was loaded again. The SDK reports a change of a flag
 * only when its version rose; a hand-edited file seldom raises it, so each reload counts as a
 * change of every flag.
 */
export const FLAGS_FILE_LOADED = 'cxgenie:flags-file-loaded';

type UpdateProcessorFactory = (
  context: unknown,
  updates: subsystems.LDDataSourceUpdates,
  ready?: () => void,
  failed?: (error: Error) => void,
) => unknown;

/** The file data source, telling `onLoaded` each time it has put the file's flags in the SDK. */
function watchedFileSource(path: string, onLoaded: () => void): LDOptions['updateProcessor'] {
  const fileSource = new integrations.FileDataSourceFactory({
    paths: [path],
    autoUpdate: true,
  }).getFactory() as unknown as UpdateProcessorFactory;
  const factory: UpdateProcessorFactory = (context, updates, ready, failed) =>
    fileSource(
      context,
      {
        init: (data, done, metadata) =>
          updates.init(
            data,
            () => {
              done();
              onLoaded();
            },
            metadata,
          ),
        upsert: (kind, data, done) => updates.upsert(kind, data, done),
      },
      ready,
      failed,
    );
  return factory as LDOptions['updateProcessor'];
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
  // Set before the file source's first load, which comes once the client has started.
  let client: LDClient | null = null;
  const updateProcessor =
    source.kind === 'file'
      ? watchedFileSource(source.path, () => client?.emit(FLAGS_FILE_LOADED))
      : source.updateProcessor;
  client = init(LOCAL_SDK_KEY, {
    ...base,
    updateProcessor,
    sendEvents: false,
    diagnosticOptOut: true,
  });
  return client;
}
