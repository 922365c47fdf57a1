import { describeServicePlatformContract } from '@cxgenie/testing';
import { TicketModule } from './ticket.module';

describeServicePlatformContract('ticket', (config, options) =>
  TicketModule.register(config, options),
);
