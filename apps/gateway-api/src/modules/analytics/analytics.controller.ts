import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { TenantScope } from '@cxgenie/database';
import { Roles, Tenant } from '../../core-modules/auth/auth.decorators';
import {
  BotPerformanceQuery,
  BucketedQuery,
  CostQuery,
  MessageVolumeQuery,
  ReportRangeQuery,
} from './dto/report-query.dto';
import {
  AgentPerformanceResponse,
  AvailabilityResponse,
  BotPerformanceResponse,
  CostResponse,
  CsatResponse,
  IngestionResponse,
  MessageVolumeResponse,
  SentimentResponse,
  SlaResponse,
} from './dto/report-responses';
import { ReportCache } from './report-cache';
import {
  AgentPerformance,
  type AgentPerformanceReport,
} from './usecases/agent-performance/agent-performance.usecase';
import {
  type AvailabilityReport,
  AvailabilityReportUseCase,
} from './usecases/availability-report/availability-report.usecase';
import {
  BotPerformance,
  type BotPerformanceReport,
} from './usecases/bot-performance/bot-performance.usecase';
import { type CostReport, CostReportUseCase } from './usecases/cost-report/cost-report.usecase';
import { type CsatReport, CsatReportUseCase } from './usecases/csat-report/csat-report.usecase';
import {
  type IngestionReport,
  IngestionReportUseCase,
} from './usecases/ingestion-report/ingestion-report.usecase';
import {
  MessageVolume,
  type MessageVolumeReport,
} from './usecases/message-volume/message-volume.usecase';
import {
  type SentimentReport,
  SentimentTrend,
} from './usecases/sentiment-trend/sentiment-trend.usecase';
import { type SlaReport, SlaReportUseCase } from './usecases/sla-report/sla-report.usecase';

/**
 * The dashboards' reports, from ClickHouse only (the pre-aggregations where they exist), for the
 * caller's workspace, cached briefly. Ranges are in the workspace's local time: facts are
 * bucketed in the zone the workspace had when they happened.
 */
@ApiTags('analytics')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/v1/analytics')
export class AnalyticsController {
  constructor(
    private readonly cache: ReportCache,
    private readonly messageVolume: MessageVolume,
    private readonly botPerformance: BotPerformance,
    private readonly sentimentTrend: SentimentTrend,
    private readonly agentPerformance: AgentPerformance,
    private readonly csatReport: CsatReportUseCase,
    private readonly availabilityReport: AvailabilityReportUseCase,
    private readonly slaReport: SlaReportUseCase,
    private readonly costReport: CostReportUseCase,
    private readonly ingestionReport: IngestionReportUseCase,
  ) {}

  @Get('messages')
  @ApiOperation({
    summary: 'Message volume',
    description:
      'Customer, bot and agent messages per `hour` or `day` (default), per bot (default) or channel.',
  })
  @ApiOkResponse({ type: MessageVolumeResponse })
  messages(
    @Tenant() scope: TenantScope,
    @Query() query: MessageVolumeQuery,
  ): Promise<MessageVolumeReport> {
    return this.cache.remember(scope.workspaceId, 'messages', query, () =>
      this.messageVolume.execute(scope.workspaceId, query),
    );
  }

  @Get('bots')
  @ApiOperation({
    summary: 'Bot performance',
    description:
      'Answer and handoff rates per bot, and the questions it could not answer, most asked first.',
  })
  @ApiOkResponse({ type: BotPerformanceResponse })
  bots(
    @Tenant() scope: TenantScope,
    @Query() query: BotPerformanceQuery,
  ): Promise<BotPerformanceReport> {
    return this.cache.remember(scope.workspaceId, 'bots', query, () =>
      this.botPerformance.execute(scope.workspaceId, query),
    );
  }

  @Get('sentiment')
  @ApiOperation({
    summary: 'Sentiment',
    description:
      'The share of negative conversations per bot and `week` (default), `day` or `month`: a ' +
      "conversation is negative when its customer messages' mean sentiment is below `negativeBelow`.",
  })
  @ApiOkResponse({ type: SentimentResponse })
  sentiment(
    @Tenant() scope: TenantScope,
    @Query() query: MessageVolumeQuery,
  ): Promise<SentimentReport> {
    return this.cache.remember(scope.workspaceId, 'sentiment', query, () =>
      this.sentimentTrend.execute(scope.workspaceId, query),
    );
  }

  @Get('agents')
  @ApiOperation({
    summary: 'Agent performance',
    description:
      'Per agent over whole days: average first response time, conversations handled, CSAT and resolution rate.',
  })
  @ApiOkResponse({ type: AgentPerformanceResponse })
  agents(
    @Tenant() scope: TenantScope,
    @Query() query: ReportRangeQuery,
  ): Promise<AgentPerformanceReport> {
    return this.cache.remember(scope.workspaceId, 'agents', query, () =>
      this.agentPerformance.execute(scope.workspaceId, query),
    );
  }

  @Get('csat')
  @ApiOperation({
    summary: 'CSAT',
    description:
      'Average rating by agent per `week` (default), `day` or `month`, and the distribution of scores.',
  })
  @ApiOkResponse({ type: CsatResponse })
  csat(@Tenant() scope: TenantScope, @Query() query: BucketedQuery): Promise<CsatReport> {
    return this.cache.remember(scope.workspaceId, 'csat', query, () =>
      this.csatReport.execute(scope.workspaceId, query),
    );
  }

  @Get('availability')
  @ApiOperation({
    summary: 'Agent availability',
    description: 'Seconds online and idle per agent per day, the current stretch included.',
  })
  @ApiOkResponse({ type: AvailabilityResponse })
  availability(
    @Tenant() scope: TenantScope,
    @Query() query: ReportRangeQuery,
  ): Promise<AvailabilityReport> {
    return this.cache.remember(scope.workspaceId, 'availability', query, () =>
      this.availabilityReport.execute(scope.workspaceId, query),
    );
  }

  @Get('sla')
  @ApiOperation({
    summary: 'SLA',
    description:
      'First responses and resolutions within target, and breaches, per `day` (default), `week` or `month`.',
  })
  @ApiOkResponse({ type: SlaResponse })
  sla(@Tenant() scope: TenantScope, @Query() query: BucketedQuery): Promise<SlaReport> {
    return this.cache.remember(scope.workspaceId, 'sla', query, () =>
      this.slaReport.execute(scope.workspaceId, query),
    );
  }

  @Get('costs')
  @ApiOperation({
    summary: 'Model cost',
    description:
      'LLM and embedding tokens and cost per `day` (default), `week` or `month`, per bot, and the most ' +
      'expensive customers with the outliers (3 standard deviations above the mean) marked.',
  })
  @ApiOkResponse({ type: CostResponse })
  costs(@Tenant() scope: TenantScope, @Query() query: CostQuery): Promise<CostReport> {
    return this.cache.remember(scope.workspaceId, 'costs', query, () =>
      this.costReport.execute(scope.workspaceId, query),
    );
  }

  @Get('ingestion')
  @ApiOperation({
    summary: 'Knowledge ingestion',
    description:
      'Per bot per `day` (default), `week` or `month`: ingestion runs finished, failures, pages, ' +
      'chunks and the seconds they took.',
  })
  @ApiOkResponse({ type: IngestionResponse })
  ingestion(@Tenant() scope: TenantScope, @Query() query: BucketedQuery): Promise<IngestionReport> {
    return this.cache.remember(scope.workspaceId, 'ingestion', query, () =>
      this.ingestionReport.execute(scope.workspaceId, query),
    );
  }
}
