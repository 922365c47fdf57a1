import { Injectable } from '@nestjs/common';
import { Op, type WhereOptions } from 'sequelize';
import { type Faq, FaqRepository, type Page, type TenantScope } from '@cxgenie/database';
import { KnowledgeBots } from '../../../knowledge-bots';
import { containsPattern } from '../../../../../core-modules/http/validation';
import type { ListFaqsCommand } from './list-faqs.command';

@Injectable()
export class ListFaqs {
  constructor(
    private readonly bots: KnowledgeBots,
    private readonly faqs: FaqRepository,
  ) {}

  async execute(scope: TenantScope, command: ListFaqsCommand): Promise<Page<Faq>> {
    await this.bots.require(scope, command.botId);
    const where: WhereOptions<Faq> = { botId: command.botId };
    if (command.q) Object.assign(where, { question: { [Op.iLike]: containsPattern(command.q) } });
    return this.faqs.list(scope, { where, limit: command.limit, cursor: command.cursor });
  }
}
