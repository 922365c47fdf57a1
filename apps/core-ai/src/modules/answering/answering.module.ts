import { Module } from '@nestjs/common';
import { AnswerPromptFlags } from '../prompts/answer-prompt.flags';
import { LlmMetrics } from '../llm/metering/llm-metrics';
import { RetrievalModule } from '../retrieval/retrieval.module';
import { AnswerController } from './answer.controller';
import { AnswerGenerators } from './answer-generators';
import { AnswerService } from './answer.service';

@Module({
  imports: [RetrievalModule],
  controllers: [AnswerController],
  providers: [AnswerService, AnswerGenerators, AnswerPromptFlags, LlmMetrics],
})
export class AnsweringModule {}
