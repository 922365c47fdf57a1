import { Module } from '@nestjs/common';
import { ChatModels } from './chat-models';
import { LlmMetrics } from './metering/llm-metrics';

/** One set of metered chat models per process, shared by answering and sentiment. */
@Module({
  providers: [ChatModels, LlmMetrics],
  exports: [ChatModels],
})
export class LlmModule {}
