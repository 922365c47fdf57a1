import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import {
  AGENT_ATTACHMENT_TYPES,
  type Attachment,
  MAX_AGENT_ATTACHMENTS,
  MAX_AGENT_ATTACHMENT_BYTES,
  MAX_AGENT_ATTACHMENTS_TOTAL_BYTES,
} from '@cxgenie/contracts';
import { type FileStorage, STORAGE, storageUrl } from '@cxgenie/storage';
import { GatewayConversationsException } from '../conversations.exception';

/** A file as the multipart parser hands it over (multer's memory storage). */
export interface AgentUpload {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

const baseType = (mimeType: string): string => mimeType.split(';')[0]!.trim().toLowerCase();

/** Multer decodes part headers as latin1; browsers send UTF-8 names. */
const utf8Name = (name: string): string => {
  const decoded = Buffer.from(name, 'latin1').toString('utf8');
  return decoded.includes('\uFFFD') ? name : decoded;
};

/** A name safe to echo in headers and on the message: one line, no path, bounded. */
export const cleanFilename = (name: string): string =>
  utf8Name(name)
    .replace(/[\\/]/g, '_')
    .replace(/\p{Cc}/gu, ' ')
    .trim()
    .slice(0, 200) || 'attachment';

const kindOf = (mimeType: string): Attachment['type'] =>
  mimeType.startsWith('image/') ? 'image' : 'file';

/**
 * The files an agent attaches to a reply: checked (count, size, type) before any is stored, then
 * kept through the storage port under content-addressed keys of the workspace, so the same file
 * sent twice is stored once and one workspace's key never names another's bytes.
 */
@Injectable()
export class AgentFiles {
  constructor(@Inject(STORAGE) private readonly storage: FileStorage) {}

  /** @throws GatewayConversationsException naming the `files` field and the file refused. */
  check(files: AgentUpload[]): void {
    if (files.length > MAX_AGENT_ATTACHMENTS)
      throw GatewayConversationsException.tooManyFiles(MAX_AGENT_ATTACHMENTS);
    for (const file of files) {
      const name = cleanFilename(file.originalname);
      if (file.size > MAX_AGENT_ATTACHMENT_BYTES)
        throw GatewayConversationsException.fileTooLarge(name, MAX_AGENT_ATTACHMENT_BYTES);
      if (file.size === 0) throw GatewayConversationsException.fileEmpty(name);
      if (!AGENT_ATTACHMENT_TYPES.includes(baseType(file.mimetype)))
        throw GatewayConversationsException.fileTypeRefused(name, baseType(file.mimetype));
    }
    const total = files.reduce((sum, file) => sum + file.size, 0);
    if (total > MAX_AGENT_ATTACHMENTS_TOTAL_BYTES)
      throw GatewayConversationsException.filesTooLargeTogether(MAX_AGENT_ATTACHMENTS_TOTAL_BYTES);
  }

  async store(workspaceId: string, files: AgentUpload[]): Promise<Attachment[]> {
    this.check(files);
    const attachments: Attachment[] = [];
    for (const file of files) {
      const mimeType = baseType(file.mimetype);
      const digest = createHash('sha256').update(file.buffer).digest('hex');
      const key = `agent-files/${workspaceId}/${digest}`;
      await this.storage.put(key, file.buffer, mimeType);
      attachments.push({
        type: kindOf(mimeType),
        url: storageUrl(key),
        name: cleanFilename(file.originalname),
        mimeType,
        sizeBytes: file.size,
      });
    }
    return attachments;
  }
}
