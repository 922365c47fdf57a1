import { Inject, Injectable, Logger } from '@nestjs/common';
import { TenantConnections } from '@cxgenie/database';
import { type FileStorage, STORAGE } from '@cxgenie/storage';
import { SourcePurge } from './source-purge';
import type { RemoveSourceCommand } from './remove-source.command';

/**
 * Undoes a source deleted in the dashboard: its vectors and chunks, and its stored files. Safe to
 * run twice; a run for a source that never got indexed removes nothing and succeeds.
 */
@Injectable()
export class RemoveSource {
  private readonly logger = new Logger(RemoveSource.name);

  constructor(
    private readonly tenants: TenantConnections,
    private readonly purge: SourcePurge,
    @Inject(STORAGE) private readonly storage: FileStorage,
  ) {}

  async execute(command: RemoveSourceCommand): Promise<void> {
    const scope = await this.tenants.scope(command.workspaceId);
    const source = {
      workspaceId: command.workspaceId,
      botId: command.botId,
      sourceId: command.sourceId,
    };
    await this.purge.vectorsAndChunks(scope, source);
    const documents = await scope.models.Document.findAll({
      where: { workspaceId: command.workspaceId, sourceId: command.sourceId },
      paranoid: false,
    });
    const keys = new Set(documents.map((document) => document.storageKey));
    if (command.document) keys.add(command.document.storageKey);
    for (const key of keys) await this.storage.delete(key);
    this.logger.log(`source ${command.sourceId} removed: vectors, chunks and ${keys.size} file(s)`);
  }
}
