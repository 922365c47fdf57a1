import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { TenantScope } from '@cxgenie/database';
import { type FileStorage, STORAGE } from '@cxgenie/storage';
import { KnowledgeBots } from '../../../knowledge-bots';
import { SourceJobs } from '../../../source-jobs';
import {
  type DocumentIntakeRow,
  DocumentSourceRepository,
  type IntakeRecord,
} from '../../document-source.repository';
import { detectDocumentType } from '../../upload/document-type';
import { KnowledgeException, KnowledgeExceptionCode } from '../../../knowledge.exception';
import { uploadedFilename } from '../../upload/uploaded-filename';
import type { UploadDocumentsCommand, UploadedFile } from './upload-documents.command';

interface CheckedFile {
  row: DocumentIntakeRow;
  bytes: Buffer;
}

/**
 * Takes a bot's uploaded files in: every file is checked before anything is stored, each
 * accepted file becomes a queued document source, and the loader is asked to process it. The
 * caller gets the source ids at once; processing is reported on the sources.
 */
@Injectable()
export class UploadDocuments {
  private readonly logger = new Logger(UploadDocuments.name);

  constructor(
    private readonly bots: KnowledgeBots,
    private readonly intake: DocumentSourceRepository,
    private readonly jobs: SourceJobs,
    @Inject(STORAGE) private readonly storage: FileStorage,
  ) {}

  async execute(scope: TenantScope, command: UploadDocumentsCommand): Promise<IntakeRecord[]> {
    await this.bots.require(scope, command.botId);
    if (command.files.length === 0) throw KnowledgeException.noFiles();
    const checked = await this.check(scope, command.files);
    await this.store(checked);
    let records: IntakeRecord[];
    try {
      records = await this.intake.createUploads(
        scope,
        command.botId,
        checked.map((file) => file.row),
      );
    } catch (error) {
      await this.unstore(checked);
      throw error;
    }
    await this.queue(scope, records);
    return records;
  }

  /** Every problem of every file, or none: one bad file refuses the whole upload. */
  private async check(scope: TenantScope, files: UploadedFile[]): Promise<CheckedFile[]> {
    const checked: CheckedFile[] = [];
    const problems: { filename: string; problem: string; unsupported: boolean }[] = [];
    for (const file of files) {
      const filename = uploadedFilename(file.originalname);
      const verdict = await detectDocumentType(file.buffer, filename);
      if (!verdict.accepted) {
        problems.push({
          filename,
          problem: verdict.problem,
          unsupported: verdict.reason === 'unsupported',
        });
        continue;
      }
      const sourceId = randomUUID();
      const sha256 = createHash('sha256').update(file.buffer).digest('hex');
      checked.push({
        bytes: file.buffer,
        row: {
          sourceId,
          filename,
          mimeType: verdict.mimeType,
          sizeBytes: file.buffer.length,
          sha256,
          storageKey: `${scope.workspaceId}/${sourceId}/${sha256}`,
        },
      });
    }
    if (problems.length > 0) {
      throw KnowledgeException.filesRefused(
        problems,
        problems.some((p) => p.unsupported)
          ? KnowledgeExceptionCode.FILES_UNSUPPORTED
          : KnowledgeExceptionCode.FILES_INVALID,
      );
    }
    return checked;
  }

  private async store(files: CheckedFile[]): Promise<void> {
    const stored: CheckedFile[] = [];
    try {
      for (const file of files) {
        await this.storage.put(file.row.storageKey, file.bytes, file.row.mimeType);
        stored.push(file);
      }
    } catch (error) {
      await this.unstore(stored);
      throw error;
    }
  }

  /** Best effort: a file left behind by a failed upload is unreferenced, never served. */
  private async unstore(files: CheckedFile[]): Promise<void> {
    for (const file of files) {
      await this.storage.delete(file.row.storageKey).catch((error: unknown) => {
        this.logger.warn(`could not remove ${file.row.storageKey}: ${String(error)}`);
      });
    }
  }

  /** A failed add marks its source failed (SourceJobs); the ones after it are marked here. */
  private async queue(scope: TenantScope, records: IntakeRecord[]): Promise<void> {
    for (const [i, { source, document }] of records.entries()) {
      try {
        await this.jobs.start(scope, source, [document], 'created');
      } catch (error) {
        await this.jobs.markUnqueued(
          scope,
          records.slice(i + 1).map((r) => r.source.id),
        );
        throw error;
      }
    }
  }
}
