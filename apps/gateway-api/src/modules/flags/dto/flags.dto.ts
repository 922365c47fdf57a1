import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import type { FlagEvaluation, FlagReason, FlagValue } from '@cxgenie/contracts';

export class FlagsQuery {
  @ApiPropertyOptional({ description: 'Evaluate for this bot of the workspace too' })
  @IsOptional()
  @IsUUID()
  botId?: string;
}

export class FlagEvaluationResponse implements FlagEvaluation {
  @ApiProperty() flagKey!: string;
  @ApiProperty({ description: 'The variation served (any JSON)' }) value!: FlagValue;
  @ApiProperty({ nullable: true, type: Number }) variationIndex!: number | null;
  @ApiProperty({ description: "LaunchDarkly's reason: { kind, ruleIndex?, errorKind? … }" })
  reason!: FlagReason;
}

export class FlagsResponse {
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/FlagEvaluationResponse' },
  })
  flags!: Record<string, FlagEvaluationResponse>;
}
