import { Inject, Injectable } from '@nestjs/common';
import type { TenantScope } from '@cxgenie/database';
import {
  type FileStorage,
  STORAGE,
  StorageObjectNotFoundError,
  storageKeyOfUrl,
} from '@cxgenie/storage';
import { GatewayConversationsException } from '../../conversations.exception';
import { servedType } from './served-type';

export interface StoredAttachment {
  name: string;
  /** What to send as Content-Type: the recorded type, or octet-stream for anything renderable. */
  contentType: string;
  content: Buffer;
}

/** Keys of the stores whose files may be served, each with the workspace as its second segment. */
const SERVED_PREFIXES = ['email', 'agent-files'];

/**
 * One stored file of a message (a received mail's attachment, or an agent's), for an agent to
 * download. Found through the message in the caller's workspace; its key must also be of that
 * workspace, so a message carrying another workspace's key (it cannot, but a row is data) still
 * serves nothing.
 */
@Injectable()
export class GetMessageAttachment {
  constructor(@Inject(STORAGE) private readonly storage: FileStorage) {}

  async execute(
    scope: TenantScope,
    conversationId: string,
    messageId: string,
    index: number,
  ): Promise<StoredAttachment> {
    const message = await scope.models.Message.findOne({
      where: { id: messageId, conversationId, workspaceId: scope.workspaceId },
      attributes: ['id', 'attachments'],
    });
    const attachment = message?.attachments[index];
    const key = attachment ? storageKeyOfUrl(attachment.url) : null;
    const [store, workspaceId] = key?.split('/') ?? [];
    if (
      !attachment ||
      !key ||
      !SERVED_PREFIXES.includes(store!) ||
      workspaceId !== scope.workspaceId
    )
      throw GatewayConversationsException.attachmentNotFound();
    try {
      return {
        name: attachment.name || 'attachment',
        contentType: servedType(attachment.mimeType),
        content: await this.storage.get(key),
      };
    } catch (error) {
      if (error instanceof StorageObjectNotFoundError)
        throw GatewayConversationsException.attachmentNotFound();
      throw error;
    }
  }
}
