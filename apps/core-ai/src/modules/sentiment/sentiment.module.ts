import { Module } from '@nestjs/common';
import { ChatModels } from '../llm/chat-models';
import { SentimentController } from './sentiment.controller';
import { SentimentService } from './sentiment.service';

@Module({
  controllers: [SentimentController],
  providers: [SentimentService, ChatModels],
})
export class SentimentModule {}
