import { Injectable } from '@nestjs/common';
import {
  type KnowledgeSource,
  KnowledgeSourceRepository,
  type TenantScope,
} from '@cxgenie/database';
import { KnowledgeBots } from '../../../knowledge-bots';
import { SourceJobs } from '../../../source-jobs';
import type { CreateWebsiteSourceCommand } from './create-website-source.command';

const DEFAULT_MAX_PAGES = 200;
const DEFAULT_MAX_DEPTH = 3;

/** Records a website to crawl, in status `queued`, and asks the loader service to crawl it. */
@Injectable()
export class CreateWebsiteSource {
  constructor(
    private readonly bots: KnowledgeBots,
    private readonly sources: KnowledgeSourceRepository,
    private readonly jobs: SourceJobs,
  ) {}

  async execute(scope: TenantScope, command: CreateWebsiteSourceCommand): Promise<KnowledgeSource> {
    await this.bots.require(scope, command.botId);
    const source = await this.sources.create(scope, {
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
    await this.jobs.start(scope, source, [], 'created');
    return source;
  }
}
