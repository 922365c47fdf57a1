import { Injectable } from '@nestjs/common';
import { type Faq, FaqRepository, type TenantScope } from '@cxgenie/database';
import { ResourceNotFoundException } from '../../../../../core-modules/http/resource-not-found.exception';
import { KnowledgeBots } from '../../../knowledge-bots';

/** An FAQ of another bot is not found under this bot's path, even in the same workspace. */
@Injectable()
export class GetFaq {
  constructor(
    private readonly bots: KnowledgeBots,
    private readonly faqs: FaqRepository,
  ) {}

  async execute(scope: TenantScope, botId: string, id: string): Promise<Faq> {
    await this.bots.require(scope, botId);
    const faq = await this.faqs.findById(scope, id);
    if (!faq || faq.botId !== botId) throw new ResourceNotFoundException('FAQ');
    return faq;
  }
}
