import { describeServicePlatformContract } from '@cxgenie/testing';
import { EmailModule } from './email.module';

describeServicePlatformContract('email', (config, options) =>
  EmailModule.register(config, options),
);
