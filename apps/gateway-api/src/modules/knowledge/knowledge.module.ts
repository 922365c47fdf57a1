import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import {
  BotRepository,
  DocumentRepository,
  KnowledgeCascadeRepository,
  KnowledgeSourceRepository,
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
import { knowledgeEntriesController } from './entries/knowledge-entries.controller';
import { FAQ_KIND, SNIPPET_KIND } from './entries/knowledge-entry.kinds';
import { CreateKnowledgeEntry } from './entries/usecases/create-knowledge-entry/create-knowledge-entry.usecase';
import { DeleteKnowledgeEntry } from './entries/usecases/delete-knowledge-entry/delete-knowledge-entry.usecase';
import { GetKnowledgeEntry } from './entries/usecases/get-knowledge-entry/get-knowledge-entry.usecase';
import { ListKnowledgeEntries } from './entries/usecases/list-knowledge-entries/list-knowledge-entries.usecase';
import { UpdateKnowledgeEntry } from './entries/usecases/update-knowledge-entry/update-knowledge-entry.usecase';
import { KnowledgeBots } from './knowledge-bots';
import { KnowledgeIndexPublisher } from './knowledge-index.publisher';
import { KnowledgeIngestPublisher } from './knowledge-ingest.publisher';
import { SourceJobs } from './source-jobs';
import { SourcesController } from './sources/sources.controller';
import { CreateWebsiteSource } from './sources/usecases/create-website-source/create-website-source.usecase';
import { DeleteSource } from './sources/usecases/delete-source/delete-source.usecase';
import { GetSource } from './sources/usecases/get-source/get-source.usecase';
import { ListSources } from './sources/usecases/list-sources/list-sources.usecase';
import { RequeueSource } from './sources/usecases/requeue-source/requeue-source.usecase';

/** A bot's knowledge: FAQs, snippets, crawled websites and uploaded documents. */
@Module({
  imports: [
    MulterModule.registerAsync({
      useFactory: (config: ServiceConfig) => uploadMulterOptions(config),
      inject: [SERVICE_CONFIG],
    }),
    StorageModule.forService(),
  ],
  controllers: [
    knowledgeEntriesController(FAQ_KIND),
    knowledgeEntriesController(SNIPPET_KIND),
    SourcesController,
    DocumentsController,
  ],
  providers: [
    BotRepository,
    KnowledgeSourceRepository,
    DocumentRepository,
    KnowledgeCascadeRepository,
    KnowledgeBots,
    KnowledgeIndexPublisher,
    KnowledgeIngestPublisher,
    SourceJobs,
    DocumentSourceRepository,
    UploadErrorsInterceptor,
    CreateKnowledgeEntry,
    ListKnowledgeEntries,
    GetKnowledgeEntry,
    UpdateKnowledgeEntry,
    DeleteKnowledgeEntry,
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
