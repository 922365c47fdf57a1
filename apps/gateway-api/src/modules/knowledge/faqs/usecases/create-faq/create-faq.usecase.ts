import { Injectable } from '@nestjs/common';
import { type Faq, FaqRepository, type TenantScope } from '@cxgenie/database';
import { KnowledgeBots } from '../../../knowledge-bots';
import type { CreateFaqCommand } from './create-faq.command';

import { KnowledgeIndexPublisher } from '../../../knowledge-index.publisher';

@Injectable()
export class CreateFaq {
  constructor(
    private readonly index: KnowledgeIndexPublisher,
    private readonly bots: KnowledgeBots,
    private readonly faqs: FaqRepository,
  ) {}

  async execute(scope: TenantScope, command: CreateFaqCommand): Promise<Faq> {
    await this.bots.require(scope, command.botId);
    const created = await this.faqs.create(scope, {
      botId: command.botId,
      question: command.question,
      answer: command.answer,
    });
    await this.index.changed(scope, 'faq', created, 'upsert');
    return created;
  }
}
