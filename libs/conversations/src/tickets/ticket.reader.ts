import { Injectable } from '@nestjs/common';
import { QueryTypes, type Transaction } from 'sequelize';
import type { TicketPayload } from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';
import { type TicketRow, presentTicket, ticketSelect } from './ticket-read-model';

/** A ticket with its recorded SLA breaches and its list position. */
export interface TicketListRow extends TicketRow {
  /** created_at as PostgreSQL's UTC text with microseconds, for the cursor. */
  cursor_at: string;
}

/**
 * Tickets as agents see them, read the same way by gateway-api (REST) and the ticket app
 * (socket events): one row shape, one statement, one presentation.
 */
@Injectable()
export class TicketReader {
  async byId(
    scope: TenantScope,
    ticketId: string,
    transaction?: Transaction,
  ): Promise<TicketPayload | null> {
    const [row] = await this.list(scope, ['t.id = :ticketId'], { ticketId }, 1, transaction);
    return row ? presentTicket(row) : null;
  }

  /**
   * A page of the workspace's tickets, newest first. `conditions` are ANDed to the workspace
   * filter, which is always applied here, never by the caller.
   */
  list(
    scope: TenantScope,
    conditions: string[],
    replacements: Record<string, unknown>,
    limit: number,
    transaction?: Transaction,
  ): Promise<TicketListRow[]> {
    return scope.sequelize.query<TicketListRow>(
      `${ticketSelect([`to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS cursor_at`])}
        WHERE ${['t.workspace_id = :workspaceId', ...conditions].join(' AND ')}
        ORDER BY t.created_at DESC, t.id DESC
        LIMIT ${Number(limit)}`,
      {
        replacements: { ...replacements, workspaceId: scope.workspaceId },
        type: QueryTypes.SELECT,
        transaction,
      },
    );
  }
}
