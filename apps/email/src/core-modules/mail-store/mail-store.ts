import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { type FileStorage, STORAGE } from '@cxgenie/storage';

export { STORAGE_URL_PREFIX, storageKeyOfUrl, storageUrl } from '@cxgenie/storage';

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/**
 * The bytes of mail kept through the storage port: the raw MIME of every message received (for
 * agents and for re-reading), its HTML, its attachments and inline images. Keys are content
 * addressed per channel, so a redelivered mail or an attachment sent twice is stored once.
 */
@Injectable()
export class MailStore {
  constructor(@Inject(STORAGE) private readonly storage: FileStorage) {}

  async putRaw(workspaceId: string, channelId: string, raw: Buffer): Promise<string> {
    const key = `email/${workspaceId}/${channelId}/raw/${sha256(raw)}.eml`;
    await this.storage.put(key, raw, 'message/rfc822');
    return key;
  }

  async putHtml(workspaceId: string, channelId: string, html: string): Promise<string> {
    const bytes = Buffer.from(html, 'utf8');
    const key = `email/${workspaceId}/${channelId}/html/${sha256(bytes)}.html`;
    await this.storage.put(key, bytes, 'text/html; charset=utf-8');
    return key;
  }

  async putAttachment(
    workspaceId: string,
    channelId: string,
    content: Buffer,
    contentType: string,
  ): Promise<string> {
    const key = `email/${workspaceId}/${channelId}/files/${sha256(content)}`;
    await this.storage.put(key, content, contentType);
    return key;
  }

  get(key: string): Promise<Buffer> {
    return this.storage.get(key);
  }
}
