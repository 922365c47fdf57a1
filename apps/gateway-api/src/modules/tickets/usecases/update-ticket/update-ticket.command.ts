import type { TicketPriority, TicketStatus } from '@cxgenie/contracts';
import type { Principal } from '../../../../core-modules/auth/principal';

export interface UpdateTicketCommand {
  principal: Principal;
  ticketId: string;
  status?: TicketStatus;
  priority?: TicketPriority;
  tags?: string[];
  subject?: string;
}
