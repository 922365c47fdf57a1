import type { Sequelize, Transaction } from 'sequelize';
import type { TicketEventType } from '@cxgenie/contracts';
import type { Principal } from '../../core-modules/auth/principal';

export interface TicketActor {
  actorType: 'agent' | 'system';
  actorId: string | null;
  /** Set when an API key acted: the history names the key, as no member did. */
  apiKeyId?: string;
}

/** Members act as agents; an integration's API key acts as the system, named in the data. */
export const actorOf = (principal: Principal): TicketActor =>
  principal.kind === 'user'
    ? { actorType: 'agent', actorId: principal.userId }
    : {
        actorType: 'system',
        actorId: null,
        apiKeyId: principal.kind === 'api-key' ? principal.apiKeyId : undefined,
      };

export interface HistoryEntry {
  type: TicketEventType;
  data: Record<string, unknown>;
}

/** Appends the entries to the ticket's history, in order, in one statement. */
export async function recordHistory(
  sequelize: Sequelize,
  workspaceId: string,
  ticketId: string,
  actor: TicketActor,
  entries: HistoryEntry[],
  transaction?: Transaction,
): Promise<{ id: string; created_at: Date }[]> {
  if (entries.length === 0) return [];
  const replacements: Record<string, unknown> = {
    workspaceId,
    ticketId,
    actorType: actor.actorType,
    actorId: actor.actorId,
  };
  const values = entries.map((entry, i) => {
    replacements[`type${i}`] = entry.type;
    replacements[`data${i}`] = JSON.stringify(
      actor.apiKeyId ? { ...entry.data, apiKeyId: actor.apiKeyId } : entry.data,
    );
    // clock_timestamp: microseconds apart, so the history reads back in the order written.
    return `(:workspaceId, :ticketId, :type${i}, :actorType, :actorId, CAST(:data${i} AS jsonb), clock_timestamp())`;
  });
  const [rows] = await sequelize.query(
    `INSERT INTO ticket_events (workspace_id, ticket_id, type, actor_type, actor_id, data, created_at)
     VALUES ${values.join(', ')} RETURNING id, created_at`,
    { replacements, transaction },
  );
  return rows as { id: string; created_at: Date }[];
}
