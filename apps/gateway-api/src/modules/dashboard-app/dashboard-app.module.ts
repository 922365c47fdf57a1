import { Module } from '@nestjs/common';
import { DashboardAppController } from './dashboard-app.controller';

/** The web dashboard (apps/gateway-api/web), built by Vite and served at /app. */
@Module({ controllers: [DashboardAppController] })
export class DashboardAppModule {}
