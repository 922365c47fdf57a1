import { Module } from '@nestjs/common';
import { RetrievalService } from './retrieval.service';
import { SearchController } from './search.controller';

@Module({
  controllers: [SearchController],
  providers: [RetrievalService],
  exports: [RetrievalService],
})
export class RetrievalModule {}
