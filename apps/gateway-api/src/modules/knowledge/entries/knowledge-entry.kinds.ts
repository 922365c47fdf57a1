import { type Faq, FaqRepository, type Snippet, SnippetRepository } from '@cxgenie/database';
import {
  CreateFaqDto,
  FaqPageResponse,
  FaqResponse,
  ListFaqsQueryDto,
  UpdateFaqDto,
} from './dto/faq.dto';
import {
  CreateSnippetDto,
  ListSnippetsQueryDto,
  SnippetPageResponse,
  SnippetResponse,
  UpdateSnippetDto,
} from './dto/snippet.dto';
import type { KnowledgeEntryKind } from './knowledge-entry.kind';

/** Questions with their answers, boosted in ranking (the bot's curated answers). */
export const FAQ_KIND: KnowledgeEntryKind<Faq> = {
  sourceType: 'faq',
  resource: 'FAQ',
  path: 'faqs',
  repository: new FaqRepository(),
  fields: ['question', 'answer'],
  searchField: 'question',
  dto: {
    create: CreateFaqDto,
    update: UpdateFaqDto,
    list: ListFaqsQueryDto,
    response: FaqResponse,
    page: FaqPageResponse,
  },
};

/** Free text the business writes for the bot: a title and its content. */
export const SNIPPET_KIND: KnowledgeEntryKind<Snippet> = {
  sourceType: 'snippet',
  resource: 'Snippet',
  path: 'snippets',
  repository: new SnippetRepository(),
  fields: ['title', 'content'],
  searchField: 'title',
  dto: {
    create: CreateSnippetDto,
    update: UpdateSnippetDto,
    list: ListSnippetsQueryDto,
    response: SnippetResponse,
    page: SnippetPageResponse,
  },
};
