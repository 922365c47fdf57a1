import { Injectable } from '@nestjs/common';
import {
  type KnowledgeSource,
  KnowledgeSourceRepository,
  type TenantScope,
} from '@cxgenie/database';
import { KnowledgeBots } from '../../../knowledge-bots';
import type { CreateWebsiteSourceCommand } from './create-website-source.command';

const DEFAULT_MAX_PAGES = 200;
const DEFAULT_MAX_DEPTH = 3;

/**
 * Records a website to crawl, in status `queued`. The crawl itself belongs to the loader service,
 * which picks queued sources up; until it does, the source simply stays queued.
 */
@Injectable()
export class CreateWebsiteSource {
  constructor(
    private readonly bots: KnowledgeBots,
    private readonly sources: KnowledgeSourceRepository,
  ) {}

  async execute(scope: TenantScope, command: CreateWebsiteSourceCommand): Promise<KnowledgeSource> {
    await this.bots.require(scope, command.botId);
    return this.sources.create(scope, {
      botId: command.botId,
      type: 'website',
      name: command.name ?? new URL(command.url).host,
      status: 'queued',
      config: {
        url: command.url,
        sitemapUrl: command.sitemapUrl ?? null,
        maxPages: command.maxPages ?? DEFAULT_MAX_PAGES,
        maxDepth: command.maxDepth ?? DEFAULT_MAX_DEPTH,
      },
    });
  }
}
