import { Injectable } from '@nestjs/common';
import { NEGATIVE_SENTIMENT_BELOW, POSITIVE_SENTIMENT_ABOVE } from '@cxgenie/analytics';
import type { TenantScope } from '@cxgenie/database';
import type { PageResponse } from '../../../../core-modules/http/pagination.dto';
import { decodeConversationCursor, encodeConversationCursor } from '../../conversation-cursor';
import { type ConversationSummary, presentInboxRow } from '../../conversation.presenter';
import { queryInbox } from '../../inbox.query';
import type { ListConversationsCommand } from './list-conversations.command';

const FILTERS: [keyof ListConversationsCommand, string][] = [
  ['status', 'c.status = :status'],
  ['channel', 'ch.type = :channel'],
  ['channelId', 'c.channel_id = :channelId'],
  ['assignee', 'c.assignee_id = :assignee'],
  ['botId', 'c.bot_id = :botId'],
  ['from', 'c.last_message_at >= :from'],
  ['to', 'c.last_message_at < :to'],
];

/** The conversation's mean sentiment in each label's range (the analytics thresholds). */
const SENTIMENT: Record<string, string> = {
  negative: `c.sentiment_score < ${NEGATIVE_SENTIMENT_BELOW}`,
  neutral: `c.sentiment_score BETWEEN ${NEGATIVE_SENTIMENT_BELOW} AND ${POSITIVE_SENTIMENT_ABOVE}`,
  positive: `c.sentiment_score > ${POSITIVE_SENTIMENT_ABOVE}`,
};

/** The inbox, filtered and paged by (last activity, id), newest first. */
@Injectable()
export class ListConversations {
  async execute(
    scope: TenantScope,
    command: ListConversationsCommand,
  ): Promise<PageResponse<ConversationSummary>> {
    const where = ['c.workspace_id = :workspaceId'];
    const replacements: Record<string, unknown> = {
      workspaceId: scope.workspaceId,
      limit: command.limit + 1,
    };
    for (const [key, condition] of FILTERS) {
      if (command[key] === undefined) continue;
      where.push(condition);
      replacements[key] = command[key];
    }
    if (command.unassigned) where.push('c.assignee_id IS NULL');
    if (command.sentiment) where.push(SENTIMENT[command.sentiment]!);
    if (command.cursor) {
      const cursor = decodeConversationCursor(command.cursor);
      where.push(
        `(c.last_message_at, c.id) < ((:cursorAt)::timestamp AT TIME ZONE 'UTC', :cursorId)`,
      );
      replacements['cursorAt'] = cursor.at;
      replacements['cursorId'] = cursor.id;
    }
    const rows = await queryInbox(scope, where, replacements);
    const page = rows.slice(0, command.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(presentInboxRow),
      nextCursor:
        rows.length > command.limit && last
          ? encodeConversationCursor({ at: last.cursor_at, id: last.id })
          : null,
    };
  }
}
