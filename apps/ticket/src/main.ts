import 'reflect-metadata';
import { runService } from '@cxgenie/bootstrap';
import { ticketService } from './ticket.service';

void runService(ticketService);
