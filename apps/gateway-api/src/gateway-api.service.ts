import type { ServiceEntry } from '@cxgenie/bootstrap';
import { setUpApiDocs } from './api-docs';
import { GatewayApiModule } from './gateway-api.module';

export const gatewayApiService: ServiceEntry = {
  name: 'gateway-api',
  rootModule: (config, options) => GatewayApiModule.register(config, options),
  configure: (app) => setUpApiDocs(app),
};
