import { Injectable } from '@nestjs/common';
import { Op } from 'sequelize';
import {
  type DeadLetter,
  type DeadLetterSource,
  type Page,
  type TenantScope,
  decodeCursor,
  encodeCursor,
} from '@cxgenie/database';

export interface DeadLetterEntry {
  source: DeadLetterSource;
  channelId?: string | null;
  conversationId?: string | null;
  reason: string;
  attempts: number;
  /** The work as it was: stored as JSON text, whatever it holds. */
  payload: unknown;
}

const MAX_REASON_CHARS = 2_000;

/**
 * Work set aside after failing the same way too often, so what follows it goes on: written by the
 * worker that gave up, read by the workspace's administrators.
 */
@Injectable()
export class DeadLetterStore {
  async setAside(scope: TenantScope, entry: DeadLetterEntry): Promise<DeadLetter> {
    return scope.models.DeadLetter.create({
      workspaceId: scope.workspaceId,
      source: entry.source,
      channelId: entry.channelId ?? null,
      conversationId: entry.conversationId ?? null,
      // JSON.stringify escapes NUL and lone surrogates, so the text itself is always storable.
      reason: JSON.stringify(entry.reason).slice(1, -1).slice(0, MAX_REASON_CHARS),
      attempts: entry.attempts,
      payload: JSON.stringify(entry.payload) ?? 'null',
    });
  }

  /** Newest first. */
  async list(
    scope: TenantScope,
    { limit, cursor }: { limit: number; cursor?: string },
  ): Promise<Page<DeadLetter>> {
    const after = cursor ? decodeCursor(cursor) : null;
    const rows = await scope.models.DeadLetter.findAll({
      where: {
        workspaceId: scope.workspaceId,
        ...(after && {
          [Op.or]: [
            { createdAt: { [Op.lt]: after.at } },
            { createdAt: after.at, id: { [Op.lt]: after.id } },
          ],
        }),
      },
      order: [
        ['createdAt', 'DESC'],
        ['id', 'DESC'],
      ],
      limit: limit + 1,
    });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor:
        rows.length > limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
    };
  }
}
