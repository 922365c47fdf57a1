import { describeServicePlatformContract } from '@cxgenie/testing';
import { ticketService } from './ticket.service';

describeServicePlatformContract(ticketService);
