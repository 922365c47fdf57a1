import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { QueueNames } from '@cxgenie/contracts';
import {
  BotRepository,
  DocumentRepository,
  FaqRepository,
  KnowledgeCascadeRepository,
  KnowledgeSourceRepository,
  SnippetRepository,
} from '@cxgenie/database';
import { StorageModule } from '@cxgenie/storage';
import { DocumentSourceRepository } from './documents/document-source.repository';
import { DocumentsController } from './documents/documents.controller';
import { UploadErrorsInterceptor } from './documents/upload/upload-errors.interceptor';
import { uploadMulterOptions } from './documents/upload/upload-limits';
import { UploadDocuments } from './documents/usecases/upload-documents/upload-documents.usecase';
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
import { KnowledgeIngestPublisher } from './knowledge-ingest.publisher';
import { KnowledgeProgressRelay } from './realtime/knowledge-progress.relay';
import { SourceJobs } from './source-jobs';
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
import { RequeueSource } from './sources/usecases/requeue-source/requeue-source.usecase';

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
    // The loader keeps its place in a job, so a retried run resumes rather than restarts.
    BullModule.registerQueue({
      name: QueueNames.LoaderIngest,
      defaultJobOptions: {
        attempts: 3,
        backoff: { type: 'exponential', delay: 5_000 },
        removeOnComplete: 1_000,
        removeOnFail: 5_000,
      },
    }),
    MulterModule.registerAsync({
      useFactory: (config: ServiceConfig) => uploadMulterOptions(config),
      inject: [SERVICE_CONFIG],
    }),
    StorageModule.forService(),
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
    KnowledgeIngestPublisher,
    SourceJobs,
    DocumentSourceRepository,
    KnowledgeProgressRelay,
    UploadErrorsInterceptor,
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
    RequeueSource,
    UploadDocuments,
    ListDocuments,
    GetDocument,
    DeleteDocument,
  ],
})
export class KnowledgeModule {}
