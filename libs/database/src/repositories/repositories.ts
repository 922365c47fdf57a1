import type { ModelStatic } from 'sequelize';
import type { Bot, Channel } from '../models/bot.models';
import type { Customer } from '../models/conversation.models';
import type { Document, Faq, KnowledgeSource, Snippet } from '../models/knowledge.models';
import type { TenantScope } from '../tenancy/tenant-scope';
import { TenantRepository } from './tenant.repository';

export class BotRepository extends TenantRepository<Bot> {
  protected model = (scope: TenantScope): ModelStatic<Bot> => scope.models.Bot;
}

export class ChannelRepository extends TenantRepository<Channel> {
  protected model = (scope: TenantScope): ModelStatic<Channel> => scope.models.Channel;
}

export class FaqRepository extends TenantRepository<Faq> {
  protected model = (scope: TenantScope): ModelStatic<Faq> => scope.models.Faq;
}

export class SnippetRepository extends TenantRepository<Snippet> {
  protected model = (scope: TenantScope): ModelStatic<Snippet> => scope.models.Snippet;
}

export class KnowledgeSourceRepository extends TenantRepository<KnowledgeSource> {
  protected model = (scope: TenantScope): ModelStatic<KnowledgeSource> =>
    scope.models.KnowledgeSource;
}

export class DocumentRepository extends TenantRepository<Document> {
  protected model = (scope: TenantScope): ModelStatic<Document> => scope.models.Document;
}

export class CustomerRepository extends TenantRepository<Customer> {
  protected model = (scope: TenantScope): ModelStatic<Customer> => scope.models.Customer;
}
