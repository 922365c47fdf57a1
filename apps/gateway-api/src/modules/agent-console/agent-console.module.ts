import { Module } from '@nestjs/common';
import { AgentConsoleController } from './agent-console.controller';

/**
 * The agent console (`/console`): a plain web page over the dashboard API and the `/agent` socket
 * where agents see the conversations that need them, take over, reply, hand back and close.
 */
@Module({ controllers: [AgentConsoleController] })
export class AgentConsoleModule {}
