import { Inject, Injectable } from '@nestjs/common';
import type { TenantScope } from '@cxgenie/database';
import { type FileStorage, STORAGE, StorageObjectNotFoundError } from '@cxgenie/storage';
import { ResourceNotFoundException } from '../../../../core-modules/http/resource-not-found.exception';
import { emailHtmlKeyOf } from '../../email-message.presenter';

/**
 * The original HTML of a received mail, for an agent to see it as it was sent. Returned as data,
 * never served as a page of ours: the dashboard shows it in a sandboxed frame with a CSP of its
 * own (no scripts, no remote loads), since it is whatever the sender wrote.
 */
@Injectable()
export class GetEmailOriginal {
  constructor(@Inject(STORAGE) private readonly storage: FileStorage) {}

  async execute(
    scope: TenantScope,
    conversationId: string,
    messageId: string,
  ): Promise<{ html: string }> {
    const message = await scope.models.Message.findOne({
      where: { id: messageId, conversationId, workspaceId: scope.workspaceId },
      attributes: ['id', 'metadata'],
    });
    const key = message ? emailHtmlKeyOf(message.metadata) : null;
    if (!key) throw new ResourceNotFoundException('Email original');
    try {
      return { html: (await this.storage.get(key)).toString('utf8') };
    } catch (error) {
      if (error instanceof StorageObjectNotFoundError)
        throw new ResourceNotFoundException('Email original');
      throw error;
    }
  }
}
