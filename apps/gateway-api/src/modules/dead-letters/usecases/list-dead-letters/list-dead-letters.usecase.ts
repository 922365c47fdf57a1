import { Injectable } from '@nestjs/common';
import { DeadLetterStore } from '@cxgenie/conversations';
import type { DeadLetter, TenantScope } from '@cxgenie/database';
import type { PageResponse } from '../../../../core-modules/http/pagination.dto';
import type { DeadLetterResponse } from '../../dto/dead-letter.dto';

const present = (row: DeadLetter): DeadLetterResponse => ({
  id: row.id,
  source: row.source,
  channelId: row.channelId,
  conversationId: row.conversationId,
  reason: row.reason,
  attempts: row.attempts,
  payload: JSON.parse(row.payload) as unknown,
  createdAt: row.createdAt,
});

/** The workspace's set-aside work, newest first. */
@Injectable()
export class ListDeadLetters {
  constructor(private readonly deadLetters: DeadLetterStore) {}

  async execute(
    scope: TenantScope,
    page: { limit: number; cursor?: string },
  ): Promise<PageResponse<DeadLetterResponse>> {
    const found = await this.deadLetters.list(scope, page);
    return { items: found.items.map(present), nextCursor: found.nextCursor };
  }
}
