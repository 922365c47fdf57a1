import { Injectable } from '@nestjs/common';
import { FaqRepository, type TenantScope } from '@cxgenie/database';
import { GetFaq } from '../get-faq/get-faq.usecase';

/** Soft delete: the row stays recoverable but leaves every list and lookup. */
import { KnowledgeIndexPublisher } from '../../../knowledge-index.publisher';

@Injectable()
export class DeleteFaq {
  constructor(
    private readonly index: KnowledgeIndexPublisher,
    private readonly getFaq: GetFaq,
    private readonly faqs: FaqRepository,
  ) {}

  async execute(scope: TenantScope, botId: string, id: string): Promise<void> {
    await this.getFaq.execute(scope, botId, id);
    await this.faqs.remove(scope, id);
    await this.index.changed(scope, 'faq', { id, botId }, 'delete');
  }
}
