import { describeServicePlatformContract } from '@cxgenie/testing';
import { GatewayApiModule } from './gateway-api.module';

describeServicePlatformContract('gateway-api', (config, options) =>
  GatewayApiModule.register(config, options),
);
