import type { ServiceEntry } from '@cxgenie/bootstrap';
import { CoreAiModule } from './core-ai.module';

export const coreAiService: ServiceEntry = {
  name: 'core-ai',
  rootModule: (config, options) => CoreAiModule.register(config, options),
};
