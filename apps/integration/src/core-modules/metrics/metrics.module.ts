import { Global, Module } from '@nestjs/common';
import { ChannelMetrics } from './channel-metrics';

@Global()
@Module({ providers: [ChannelMetrics], exports: [ChannelMetrics] })
export class ChannelMetricsModule {}
