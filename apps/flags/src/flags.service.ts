import type { ServiceEntry } from '@cxgenie/bootstrap';
import type { FlagDataSource } from './core-modules/launchdarkly/flag-data-source';
import { FlagsModule } from './flags.module';

/** The flags service over a data source of the caller's choosing (tests hand in the SDK's TestData). */
export const createFlagsService = (dataSource?: FlagDataSource): ServiceEntry => ({
  name: 'flags',
  rootModule: (config, options) => FlagsModule.register(config, options, dataSource),
});

/** LaunchDarkly with an SDK key, else the repository's flags file. */
export const flagsService: ServiceEntry = createFlagsService();
