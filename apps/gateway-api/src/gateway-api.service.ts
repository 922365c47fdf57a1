import type { ServiceEntry } from '@cxgenie/bootstrap';
import { setUpApiDocs } from './api-docs';
import { RedisIoAdapter } from './modules/conversations/realtime/redis-io.adapter';
import { GatewayApiModule } from './gateway-api.module';

export const gatewayApiService: ServiceEntry = {
  name: 'gateway-api',
  rootModule: (config, options) => GatewayApiModule.register(config, options),
  configure: (app, config) => {
    setUpApiDocs(app);
    app.useWebSocketAdapter(new RedisIoAdapter(app, config.redisUrl));
  },
};
