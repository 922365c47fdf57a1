import { QueryTypes, type Transaction } from 'sequelize';
import type { TicketPayload } from '@cxgenie/contracts';
import { type TenantScope, type TicketRow, presentTicket, ticketSelect } from '@cxgenie/database';

/** A ticket with its recorded SLA breaches and its list position. */
export interface TicketListRow extends TicketRow {
  /** created_at as PostgreSQL's UTC text with microseconds, for the cursor. */
  cursor_at: string;
}

/** `conditions` must start with the workspace filter. */
export function queryTickets(
  scope: TenantScope,
  conditions: string[],
  replacements: Record<string, unknown>,
  limit: number,
  transaction?: Transaction,
): Promise<TicketListRow[]> {
  if (!conditions[0]?.startsWith('t.workspace_id = '))
    throw new Error('ticket query without a workspace filter');
  return scope.sequelize.query<TicketListRow>(
    `${ticketSelect([`to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS cursor_at`])}
      WHERE ${conditions.join(' AND ')}
      ORDER BY t.created_at DESC, t.id DESC
      LIMIT ${Number(limit)}`,
    { replacements, type: QueryTypes.SELECT, transaction },
  );
}

export async function findTicket(
  scope: TenantScope,
  ticketId: string,
  transaction?: Transaction,
): Promise<TicketPayload | null> {
  const [row] = await queryTickets(
    scope,
    ['t.workspace_id = :workspaceId', 't.id = :ticketId'],
    { workspaceId: scope.workspaceId, ticketId },
    1,
    transaction,
  );
  return row ? presentTicket(row) : null;
}
