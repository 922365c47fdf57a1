import { Module } from '@nestjs/common';
import { LlmModule } from '../llm/llm.module';
import { AnswerPromptFlags } from '../prompts/answer-prompt.flags';
import { RetrievalModule } from '../retrieval/retrieval.module';
import { AnswerController } from './answer.controller';
import { AnswerGenerators } from './answer-generators';
import { AnswerService } from './answer.service';

@Module({
  imports: [RetrievalModule, LlmModule],
  controllers: [AnswerController],
  providers: [AnswerService, AnswerGenerators, AnswerPromptFlags],
})
export class AnsweringModule {}
