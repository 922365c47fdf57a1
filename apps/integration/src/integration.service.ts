import type { ServiceEntry } from '@cxgenie/bootstrap';
import { IntegrationModule } from './integration.module';

export const integrationService: ServiceEntry = {
  name: 'integration',
  rootModule: (config, options) => IntegrationModule.register(config, options),
};
