import { Injectable } from '@nestjs/common';
import { QueryTypes, type Transaction } from 'sequelize';
import type { TicketPayload } from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';
import { TICKET_SELECT, type TicketRow, presentTicket } from './ticket-row';

/** Tickets as the agents see them (REST and socket events alike). */
@Injectable()
export class TicketReader {
  async byId(
    scope: TenantScope,
    ticketId: string,
    transaction?: Transaction,
  ): Promise<TicketPayload | null> {
    const [row] = await scope.sequelize.query<TicketRow>(
      `${TICKET_SELECT} WHERE t.workspace_id = :workspaceId AND t.id = :ticketId`,
      {
        replacements: { workspaceId: scope.workspaceId, ticketId },
        type: QueryTypes.SELECT,
        transaction,
      },
    );
    return row ? presentTicket(row) : null;
  }
}
