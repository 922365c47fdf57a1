import { Module } from '@nestjs/common';
import { RetrievalFlags } from './retrieval.flags';
import { RetrievalService } from './retrieval.service';
import { SearchController } from './search.controller';

@Module({
  controllers: [SearchController],
  providers: [RetrievalService, RetrievalFlags],
  exports: [RetrievalService, RetrievalFlags],
})
export class RetrievalModule {}
