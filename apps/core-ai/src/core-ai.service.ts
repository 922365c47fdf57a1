import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ServiceEntry } from '@cxgenie/bootstrap';
import { CoreAiModule } from './core-ai.module';

export const coreAiService: ServiceEntry = {
  name: 'core-ai',
  rootModule: (config, options) => CoreAiModule.register(config, options),
  // Every route is an internal POST or a probe: no caller revalidates, so an ETag (a SHA-1 over
  // each ~20 KB search response) would be computed for nothing.
  configure: (app) => {
    (app as NestExpressApplication).set('etag', false);
  },
};
