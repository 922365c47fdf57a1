import type { ServiceEntry } from '@cxgenie/bootstrap';
import { LoaderModule } from './loader.module';

export const loaderService: ServiceEntry = {
  name: 'loader',
  rootModule: (config, options) => LoaderModule.register(config, options),
};
