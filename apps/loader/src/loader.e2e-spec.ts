import { describeServicePlatformContract } from '@cxgenie/testing';
import { LoaderModule } from './loader.module';

describeServicePlatformContract('loader', (config, options) =>
  LoaderModule.register(config, options),
);
