import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { type KnowledgePurgeJobData, QueueNames } from '@cxgenie/contracts';
import { BotRepository, type TenantScope } from '@cxgenie/database';
import { withTraceId } from '@cxgenie/observability';
import { BotConfigCache } from '../../../../core-modules/bot-config/bot-config.cache';
import { ResourceNotFoundException } from '../../../../core-modules/http/resource-not-found.exception';

/**
 * Soft delete: the row stays for conversations that reference it. Its knowledge leaves the
 * search index (core-ai purges it from `knowledge.purge`), so it answers nothing and weighs on
 * nothing any more.
 */
@Injectable()
export class DeleteBot {
  constructor(
    private readonly bots: BotRepository,
    private readonly botConfigs: BotConfigCache,
    @InjectQueue(QueueNames.KnowledgePurge) private readonly purges: Queue<KnowledgePurgeJobData>,
  ) {}

  async execute(scope: TenantScope, id: string): Promise<void> {
    if (!(await this.bots.remove(scope, id))) throw new ResourceNotFoundException('Bot');
    await this.botConfigs.invalidate(scope, id);
    await this.purges.add(withTraceId({ workspaceId: scope.workspaceId, botId: id }), {
      jobId: `knowledge-purge:${id}`,
      removeOnComplete: true,
    });
  }
}
