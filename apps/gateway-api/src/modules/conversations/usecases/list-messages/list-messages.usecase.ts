import { Injectable } from '@nestjs/common';
import { Op, type WhereOptions } from 'sequelize';
import type { Message, TenantScope } from '@cxgenie/database';
import { ResourceNotFoundException } from '../../../../core-modules/http/resource-not-found.exception';
import { type MessageView, presentMessage } from '../../message.presenter';

export interface ListMessagesCommand {
  conversationId: string;
  limit: number;
  afterSeq?: number;
  beforeSeq?: number;
}

export interface MessagePage {
  items: MessageView[];
  /** Pass as beforeSeq to load older messages; null at the start of the conversation. */
  olderBeforeSeq: number | null;
  /** Pass as afterSeq to catch up on newer messages; null when the page reaches the latest. */
  newerAfterSeq: number | null;
}

/** Messages in sequence order: the latest page by default, older with beforeSeq, newer with afterSeq. */
@Injectable()
export class ListMessages {
  async execute(scope: TenantScope, command: ListMessagesCommand): Promise<MessagePage> {
    const conversation = await scope.models.Conversation.findOne({
      where: { id: command.conversationId, workspaceId: scope.workspaceId },
      attributes: ['id', 'lastMessageSeq'],
    });
    if (!conversation) throw new ResourceNotFoundException('Conversation');

    const forward = command.afterSeq !== undefined;
    const seq = forward
      ? { [Op.gt]: command.afterSeq }
      : command.beforeSeq !== undefined
        ? { [Op.lt]: command.beforeSeq }
        : undefined;
    const where: WhereOptions<Message> = {
      conversationId: conversation.id,
      workspaceId: scope.workspaceId,
      ...(seq ? { seq } : {}),
    };
    const rows = await scope.models.Message.findAll({
      where,
      order: [['seq', forward ? 'ASC' : 'DESC']],
      limit: command.limit,
    });
    const items = (forward ? rows : rows.reverse()).map(presentMessage);
    const first = items[0]?.seq;
    const last = items[items.length - 1]?.seq;
    return {
      items,
      olderBeforeSeq: first !== undefined && first > 1 ? first : null,
      newerAfterSeq: last !== undefined && last < conversation.lastMessageSeq ? last : null,
    };
  }
}
