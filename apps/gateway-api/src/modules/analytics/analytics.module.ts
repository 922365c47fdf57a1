import { Module } from '@nestjs/common';
import { AnalyticsController } from './analytics.controller';
import { AnalyticsReader } from './analytics-reader';
import { ReportCache } from './report-cache';
import { AgentPerformance } from './usecases/agent-performance/agent-performance.usecase';
import { AvailabilityReportUseCase } from './usecases/availability-report/availability-report.usecase';
import { BotPerformance } from './usecases/bot-performance/bot-performance.usecase';
import { CostReportUseCase } from './usecases/cost-report/cost-report.usecase';
import { CsatReportUseCase } from './usecases/csat-report/csat-report.usecase';
import { IngestionReportUseCase } from './usecases/ingestion-report/ingestion-report.usecase';
import { MessageVolume } from './usecases/message-volume/message-volume.usecase';
import { SentimentTrend } from './usecases/sentiment-trend/sentiment-trend.usecase';
import { SlaReportUseCase } from './usecases/sla-report/sla-report.usecase';

/** The reports API (`/api/v1/analytics/…`): admin only, over ClickHouse only. */
@Module({
  controllers: [AnalyticsController],
  providers: [
    AnalyticsReader,
    ReportCache,
    MessageVolume,
    BotPerformance,
    SentimentTrend,
    AgentPerformance,
    CsatReportUseCase,
    AvailabilityReportUseCase,
    SlaReportUseCase,
    CostReportUseCase,
    IngestionReportUseCase,
  ],
})
export class AnalyticsReportsModule {}
