import { Global, Module } from '@nestjs/common';
import { DashboardEvents } from './dashboard-events';

@Global()
@Module({ providers: [DashboardEvents], exports: [DashboardEvents] })
export class RealtimeModule {}
