import { Injectable } from '@nestjs/common';
import { KnowledgeCascadeRepository, type TenantScope } from '@cxgenie/database';
import { GetSource } from '../get-source/get-source.usecase';

/** The source, its documents and its chunks go together: retrieval stops using them at once. */
@Injectable()
export class DeleteSource {
  constructor(
    private readonly getSource: GetSource,
    private readonly cascade: KnowledgeCascadeRepository,
  ) {}

  async execute(scope: TenantScope, botId: string, id: string): Promise<void> {
    const source = await this.getSource.execute(scope, botId, id);
    await this.cascade.removeSource(scope, source.id);
  }
}
