import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { QueueNames } from '@cxgenie/contracts';
import {
  BotRepository,
  DocumentRepository,
  FaqRepository,
  KnowledgeCascadeRepository,
  KnowledgeSourceRepository,
  SnippetRepository,
} from '@cxgenie/database';
import { DocumentsController } from './documents/documents.controller';
import { DeleteDocument } from './documents/usecases/delete-document/delete-document.usecase';
import { GetDocument } from './documents/usecases/get-document/get-document.usecase';
import { ListDocuments } from './documents/usecases/list-documents/list-documents.usecase';
import { FaqsController } from './faqs/faqs.controller';
import { CreateFaq } from './faqs/usecases/create-faq/create-faq.usecase';
import { DeleteFaq } from './faqs/usecases/delete-faq/delete-faq.usecase';
import { GetFaq } from './faqs/usecases/get-faq/get-faq.usecase';
import { ListFaqs } from './faqs/usecases/list-faqs/list-faqs.usecase';
import { UpdateFaq } from './faqs/usecases/update-faq/update-faq.usecase';
import { KnowledgeBots } from './knowledge-bots';
import { KnowledgeIndexPublisher } from './knowledge-index.publisher';
import { SnippetsController } from './snippets/snippets.controller';
import { CreateSnippet } from './snippets/usecases/create-snippet/create-snippet.usecase';
import { DeleteSnippet } from './snippets/usecases/delete-snippet/delete-snippet.usecase';
import { GetSnippet } from './snippets/usecases/get-snippet/get-snippet.usecase';
import { ListSnippets } from './snippets/usecases/list-snippets/list-snippets.usecase';
import { UpdateSnippet } from './snippets/usecases/update-snippet/update-snippet.usecase';
import { SourcesController } from './sources/sources.controller';
import { CreateWebsiteSource } from './sources/usecases/create-website-source/create-website-source.usecase';
import { DeleteSource } from './sources/usecases/delete-source/delete-source.usecase';
import { GetSource } from './sources/usecases/get-source/get-source.usecase';
import { ListSources } from './sources/usecases/list-sources/list-sources.usecase';

/** A bot's knowledge: FAQs, snippets, crawled websites and uploaded documents. */
@Module({
  imports: [
    BullModule.registerQueue({
      name: QueueNames.KnowledgeIndex,
      defaultJobOptions: {
        attempts: 8,
        backoff: { type: 'exponential', delay: 1_000 },
        removeOnComplete: 1_000,
        removeOnFail: 5_000,
      },
    }),
  ],
  controllers: [FaqsController, SnippetsController, SourcesController, DocumentsController],
  providers: [
    BotRepository,
    FaqRepository,
    SnippetRepository,
    KnowledgeSourceRepository,
    DocumentRepository,
    KnowledgeCascadeRepository,
    KnowledgeBots,
    KnowledgeIndexPublisher,
    CreateFaq,
    ListFaqs,
    GetFaq,
    UpdateFaq,
    DeleteFaq,
    CreateSnippet,
    ListSnippets,
    GetSnippet,
    UpdateSnippet,
    DeleteSnippet,
    CreateWebsiteSource,
    ListSources,
    GetSource,
    DeleteSource,
    ListDocuments,
    GetDocument,
    DeleteDocument,
  ],
})
export class KnowledgeModule {}
