import { describeServicePlatformContract } from '@cxgenie/testing';
import { CoreAiModule } from './core-ai.module';

describeServicePlatformContract('core-ai', (config, options) =>
  CoreAiModule.register(config, options),
);
