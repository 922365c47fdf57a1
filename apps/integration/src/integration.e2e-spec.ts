import { describeServicePlatformContract } from '@cxgenie/testing';
import { IntegrationModule } from './integration.module';

describeServicePlatformContract('integration', (config, options) =>
  IntegrationModule.register(config, options),
);
