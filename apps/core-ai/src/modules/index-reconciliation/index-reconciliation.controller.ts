import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { CORE_AI_KNOWLEDGE_INDEX_PATH, type KnowledgeIndexReport } from '@cxgenie/contracts';
import { InternalRoute } from '@cxgenie/observability';
import { BotIndexDto } from './index-reconciliation.dto';
import { IndexStatusStore } from './index-status.store';
import { ReconcileBotIndex } from './usecases/reconcile-bot-index/reconcile-bot-index.usecase';

/** A bot's index compared with PostgreSQL: the last report, or a check and repair now. */
@InternalRoute()
@Controller(CORE_AI_KNOWLEDGE_INDEX_PATH)
export class IndexReconciliationController {
  constructor(
    private readonly status: IndexStatusStore,
    private readonly reconcile: ReconcileBotIndex,
  ) {}

  @Get('status')
  get(@Query() query: BotIndexDto): Promise<KnowledgeIndexReport> {
    return this.status.get(query.workspaceId, query.botId);
  }

  @Post('reconcile')
  @HttpCode(200)
  run(@Body() body: BotIndexDto): Promise<KnowledgeIndexReport> {
    return this.reconcile.execute(body);
  }
}
