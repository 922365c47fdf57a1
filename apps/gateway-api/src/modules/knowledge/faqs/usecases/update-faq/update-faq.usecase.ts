import { Injectable } from '@nestjs/common';
import { type Faq, FaqRepository, type TenantScope } from '@cxgenie/database';
import { ResourceNotFoundException } from '../../../../../core-modules/http/resource-not-found.exception';
import { GetFaq } from '../get-faq/get-faq.usecase';
import type { UpdateFaqCommand } from './update-faq.command';

import { KnowledgeIndexPublisher } from '../../../knowledge-index.publisher';

@Injectable()
export class UpdateFaq {
  constructor(
    private readonly index: KnowledgeIndexPublisher,
    private readonly getFaq: GetFaq,
    private readonly faqs: FaqRepository,
  ) {}

  async execute(scope: TenantScope, command: UpdateFaqCommand): Promise<Faq> {
    await this.getFaq.execute(scope, command.botId, command.id);
    const { question, answer } = command;
    const updated = await this.faqs.update(scope, command.id, {
      ...(question === undefined ? {} : { question }),
      ...(answer === undefined ? {} : { answer }),
    });
    // Deleted between the lookup and the write.
    if (!updated) throw new ResourceNotFoundException('FAQ');
    await this.index.changed(scope, 'faq', updated, 'upsert');
    return updated;
  }
}
