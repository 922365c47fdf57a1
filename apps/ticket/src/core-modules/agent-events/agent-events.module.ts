import { Global, Module } from '@nestjs/common';
import { AgentEvents } from './agent-events';

@Global()
@Module({ providers: [AgentEvents], exports: [AgentEvents] })
export class AgentEventsModule {}
