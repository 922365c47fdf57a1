import 'reflect-metadata';
import { runService } from '@cxgenie/bootstrap';
import { TicketModule } from './ticket.module';

void runService('ticket', (config) => TicketModule.register(config));
