import type { ServiceEntry } from '@cxgenie/bootstrap';
import { EmailModule } from './email.module';

export const emailService: ServiceEntry = {
  name: 'email',
  rootModule: (config, options) => EmailModule.register(config, options),
};
