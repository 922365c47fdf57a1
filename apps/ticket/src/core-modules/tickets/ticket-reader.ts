import { Injectable } from '@nestjs/common';
import { QueryTypes, type Transaction } from 'sequelize';
import type { TicketPayload } from '@cxgenie/contracts';
import { type TenantScope, type TicketRow, presentTicket, ticketSelect } from '@cxgenie/database';

/** Tickets as the agents see them (REST and socket events alike). */
@Injectable()
export class TicketReader {
  async byId(
    scope: TenantScope,
    ticketId: string,
    transaction?: Transaction,
  ): Promise<TicketPayload | null> {
    const [row] = await scope.sequelize.query<TicketRow>(
      `${ticketSelect()} WHERE t.workspace_id = :workspaceId AND t.id = :ticketId`,
      {
        replacements: { workspaceId: scope.workspaceId, ticketId },
        type: QueryTypes.SELECT,
        transaction,
      },
    );
    return row ? presentTicket(row) : null;
  }
}
