import { Module } from '@nestjs/common';
import { LlmModule } from '../llm/llm.module';
import { SentimentController } from './sentiment.controller';
import { SentimentService } from './sentiment.service';

@Module({
  imports: [LlmModule],
  controllers: [SentimentController],
  providers: [SentimentService],
})
export class SentimentModule {}
