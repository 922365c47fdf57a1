import { describeServicePlatformContract } from '@cxgenie/testing';
import { FlagsModule } from './flags.module';

describeServicePlatformContract('flags', (config, options) =>
  FlagsModule.register(config, options),
);
