import type { ServiceEntry } from '@cxgenie/bootstrap';
import { TicketModule } from './ticket.module';

export const ticketService: ServiceEntry = {
  name: 'ticket',
  rootModule: (config, options) => TicketModule.register(config, options),
};
