import { ApiProperty } from '@nestjs/swagger';
import { KNOWLEDGE_SOURCE_STATUSES, type KnowledgeSourceStatus } from '@cxgenie/contracts';

export class DocumentSourceStatus {
  @ApiProperty({ enum: KNOWLEDGE_SOURCE_STATUSES }) status!: KnowledgeSourceStatus;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress!: number;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
}

export class DocumentResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) botId!: string;
  @ApiProperty({ format: 'uuid' }) sourceId!: string;
  @ApiProperty() filename!: string;
  @ApiProperty() mimeType!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty({ description: 'hex SHA-256 of the uploaded file' }) sha256!: string;
  @ApiProperty({ type: Number, nullable: true }) pageCount!: number | null;
  @ApiProperty({
    type: DocumentSourceStatus,
    nullable: true,
    description: 'Processing state of the document’s source',
  })
  source!: DocumentSourceStatus | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class DocumentPageResponse {
  @ApiProperty({ type: [DocumentResponse] }) items!: DocumentResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
