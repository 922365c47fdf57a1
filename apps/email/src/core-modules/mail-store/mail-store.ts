import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { type FileStorage, STORAGE } from '@cxgenie/storage';

/** Where a stored part of a mail lives (`storage:<key>` in attachment URLs). */
export const STORAGE_URL_PREFIX = 'storage:';

export const storageUrl = (key: string): string => `${STORAGE_URL_PREFIX}${key}`;

export const storageKeyOfUrl = (url: string): string | null =>
  url.startsWith(STORAGE_URL_PREFIX) ? url.slice(STORAGE_URL_PREFIX.length) : null;

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
