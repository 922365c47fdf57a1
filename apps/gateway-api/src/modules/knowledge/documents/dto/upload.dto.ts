import { ApiProperty } from '@nestjs/swagger';
import { KNOWLEDGE_SOURCE_STATUSES, type KnowledgeSourceStatus } from '@cxgenie/contracts';
import { DocumentMimeTypes } from '../upload/document-type';

/** The multipart body, for the OpenAPI document only (multer parses the real one). */
export class UploadDocumentsBody {
  @ApiProperty({
    type: 'array',
    items: { type: 'string', format: 'binary' },
    description: 'One or more files',
  })
  files!: unknown[];
}

export class UploadedDocumentResponse {
  @ApiProperty({ format: 'uuid', description: 'Follow it on GET /sources/{id}' })
  sourceId!: string;
  @ApiProperty({ format: 'uuid' }) documentId!: string;
  @ApiProperty() filename!: string;
  @ApiProperty({
    enum: Object.values(DocumentMimeTypes),
    description: 'Detected from the content, not the extension',
  })
  mimeType!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty({ description: 'hex SHA-256 of the file' }) sha256!: string;
  @ApiProperty({ enum: KNOWLEDGE_SOURCE_STATUSES }) status!: KnowledgeSourceStatus;
}

export class UploadDocumentsResponse {
  @ApiProperty({
    type: [UploadedDocumentResponse],
    description: 'In the order the files were sent',
  })
  items!: UploadedDocumentResponse[];
}
