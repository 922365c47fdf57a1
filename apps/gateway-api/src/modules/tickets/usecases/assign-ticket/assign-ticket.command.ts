import type { Principal } from '../../../../core-modules/auth/principal';

export interface AssignTicketCommand {
  principal: Principal;
  ticketId: string;
  /** null: unassign. */
  assigneeId: string | null;
  /** A claim is the caller assigning an unassigned ticket to themselves. */
  mode: 'manual' | 'claim';
}
