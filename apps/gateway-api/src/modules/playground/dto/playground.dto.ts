import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { ANSWER_OUTCOMES, type AnswerOutcome, KNOWLEDGE_PARTITIONS } from '@cxgenie/contracts';

const HISTORY_ROLES = ['customer', 'bot'] as const;

export class PlaygroundTurnDto {
  @ApiProperty({ enum: HISTORY_ROLES })
  @IsIn(HISTORY_ROLES)
  role!: (typeof HISTORY_ROLES)[number];

  @ApiProperty({ minLength: 1, maxLength: 4000 })
  @IsString()
  @Length(1, 4000)
  text!: string;
}

export class TryAnswerDto {
  @ApiProperty({ minLength: 1, maxLength: 4000, example: 'How do I return my boots?' })
  @IsString()
  @Length(1, 4000)
  question!: string;

  @ApiPropertyOptional({
    type: [PlaygroundTurnDto],
    maxItems: 20,
    description: 'Earlier turns of the trial conversation, oldest first',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PlaygroundTurnDto)
  history?: PlaygroundTurnDto[];
}

export class SearchKnowledgeDto {
  @ApiProperty({ minLength: 1, maxLength: 1000, example: 'refund delay' })
  @IsString()
  @Length(1, 1000)
  query!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 20, description: 'Per partition, before merging' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  topK?: number;
}

export class KnowledgeHitResponse {
  @ApiProperty({ enum: KNOWLEDGE_PARTITIONS }) partition!: string;
  @ApiProperty({ format: 'uuid' }) sourceId!: string;
  @ApiProperty({ type: String, nullable: true }) documentId!: string | null;
  @ApiProperty() chunkId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() position!: number;
  @ApiProperty({ description: 'Fused, boosted score the ranking used' }) score!: number;
  @ApiProperty() text!: string;
  @ApiProperty() headingPath!: string;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Cosine similarity before re-ranking; null when only full-text search found it',
  })
  vectorScore!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'BM25, when hybrid search ran' })
  lexicalScore!: number | null;
  @ApiProperty() updatedAt!: string;
}

export class KnowledgeSearchResponse {
  @ApiProperty({ type: [KnowledgeHitResponse] }) items!: KnowledgeHitResponse[];
  @ApiProperty() tookMs!: number;
}

export class PlaygroundCitationResponse {
  @ApiProperty({ enum: KNOWLEDGE_PARTITIONS }) partition!: string;
  @ApiProperty({ format: 'uuid' }) sourceId!: string;
  @ApiProperty({ type: String, nullable: true }) documentId!: string | null;
  @ApiProperty() chunkId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() position!: number;
  @ApiProperty() score!: number;
}

export class PlaygroundVerdictResponse {
  @ApiProperty({ description: 'The model’s own verdict: did the knowledge hold the answer?' })
  haveEnoughInformation!: boolean;
  @ApiProperty({
    enum: ANSWER_OUTCOMES,
    description:
      'answered (grounded), generated (AI_GENERATE sent it anyway), fallback (INPUT_ANSWER), silent (NO_REPLY)',
  })
  outcome!: AnswerOutcome;
}

export class AnswerabilityResponse {
  @ApiProperty({
    description: 'How sure the bot is that its knowledge answers the question (0..1)',
  })
  score!: number;
  @ApiProperty({
    description: 'The bot answers at or above this score (from its target false-answer rate)',
  })
  threshold!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description:
      'The evidence the score is made of, each in 0..1 (coverage, retrieval scores, grounding…)',
  })
  features!: Record<string, number>;
  @ApiProperty({ description: 'The decision in words' })
  reason!: string;
}

export class TryAnswerResponse {
  @ApiProperty({ description: 'What a customer would be sent; empty when the bot stays silent' })
  answer!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The model’s answer when it said NO' })
  attemptedAnswer!: string | null;
  @ApiProperty({ type: PlaygroundVerdictResponse }) verdict!: PlaygroundVerdictResponse;
  @ApiProperty({
    type: AnswerabilityResponse,
    nullable: true,
    description: 'Why: the answerability score, threshold and features (null for small talk)',
  })
  answerability!: AnswerabilityResponse | null;
  @ApiProperty({ type: [PlaygroundCitationResponse], description: 'What the answer cites' })
  citations!: PlaygroundCitationResponse[];
  @ApiProperty({
    type: [KnowledgeHitResponse],
    description: 'What retrieval found for the question, best first, with scores',
  })
  retrieved!: KnowledgeHitResponse[];
  @ApiProperty() provider!: string;
  @ApiProperty() model!: string;
  @ApiProperty() tookMs!: number;
}
