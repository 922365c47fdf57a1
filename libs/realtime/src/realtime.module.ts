import { Global, Module } from '@nestjs/common';
import { RealtimeBroadcaster } from './realtime-broadcaster';

/** Needs the platform's Redis client (`REDIS_CLIENT`), which every service has. */
@Global()
@Module({ providers: [RealtimeBroadcaster], exports: [RealtimeBroadcaster] })
export class RealtimeModule {}
