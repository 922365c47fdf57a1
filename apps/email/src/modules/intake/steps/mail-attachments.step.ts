import { Inject, Injectable } from '@nestjs/common';
import type { Attachment as ParsedAttachment } from 'mailparser';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import type { Attachment } from '@cxgenie/contracts';
import type { EmailChannel } from '../../../core-modules/email-channels/email-channel';
import { MailStore, storageUrl } from '../../../core-modules/mail-store/mail-store';
import { oneLine } from '../parsing/parse-mail';

export interface SkippedAttachment {
  name: string;
  sizeBytes: number;
  reason: string;
}

/**
 * Attachments and inline images through the storage port, within the size and count limits;
 * what is left out is listed on the message with the reason. Nothing is ever unpacked (an
 * archive is stored as the bytes it is), so a compression bomb costs its own size only.
 */
@Injectable()
export class MailAttachments {
  constructor(
    private readonly files: MailStore,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async keep(
    channel: EmailChannel,
    parts: ParsedAttachment[],
  ): Promise<{ attachments: Attachment[]; skipped: SkippedAttachment[] }> {
    const { maxAttachmentBytes, maxAttachments } = this.config.email;
    const attachments: Attachment[] = [];
    const skipped: SkippedAttachment[] = [];
    for (const part of parts) {
      const name = oneLine(part.filename ?? part.contentId ?? 'attachment', 200) || 'attachment';
      const sizeBytes = part.size ?? part.content.length;
      if (sizeBytes > maxAttachmentBytes) {
        skipped.push({ name, sizeBytes, reason: `larger than ${maxAttachmentBytes} bytes` });
        continue;
      }
      if (attachments.length >= maxAttachments) {
        skipped.push({ name, sizeBytes, reason: `more than ${maxAttachments} attachments` });
        continue;
      }
      const mimeType = (part.contentType || 'application/octet-stream').toLowerCase();
      const key = await this.files.putAttachment(
        channel.workspaceId,
        channel.id,
        part.content,
        mimeType,
      );
      attachments.push({
        type: attachmentType(mimeType),
        url: storageUrl(key),
        name,
        mimeType,
        sizeBytes,
      });
    }
    return { attachments, skipped };
  }
}

const attachmentType = (mimeType: string): Attachment['type'] =>
  mimeType.startsWith('image/')
    ? 'image'
    : mimeType.startsWith('video/')
      ? 'video'
      : mimeType.startsWith('audio/')
        ? 'audio'
        : 'file';
