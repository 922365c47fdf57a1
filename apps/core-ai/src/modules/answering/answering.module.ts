import { Module } from '@nestjs/common';
import { ChatModels } from '../llm/chat-models';
import { RetrievalModule } from '../retrieval/retrieval.module';
import { AnswerController } from './answer.controller';
import { AnswerGenerators } from './answer-generators';
import { AnswerService } from './answer.service';

@Module({
  imports: [RetrievalModule],
  controllers: [AnswerController],
  providers: [AnswerService, AnswerGenerators, ChatModels],
})
export class AnsweringModule {}
