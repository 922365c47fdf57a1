import type { ServiceEntry } from '@cxgenie/bootstrap';
import { FlagsModule } from './flags.module';

export const flagsService: ServiceEntry = {
  name: 'flags',
  rootModule: (config, options) => FlagsModule.register(config, options),
};
