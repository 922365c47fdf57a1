import { ApiProperty } from '@nestjs/swagger';

/*
 * The reports' response shapes, for the OpenAPI document (the use cases return the same shapes).
 * Times are the workspace's local wall-clock times without an offset; rates are 0 to 1 and null
 * where nothing was there to divide by.
 */
const Nullable = (description: string) =>
  ApiProperty({ type: Number, nullable: true, description });

class RangeResponse {
  @ApiProperty({ example: '2026-11-01' }) from!: string;
  @ApiProperty({ example: '2026-12-01', description: 'Exclusive' }) to!: string;
}

export class MessageVolumeRowResponse {
  @ApiProperty({ example: '2026-11-29T14:00:00', description: 'Bucket start (hour) or date' })
  bucket!: string;
  @ApiProperty({ description: "The bot's id, or the channel type" }) key!: string;
  @ApiProperty() name!: string;
  @ApiProperty() customerMessages!: number;
  @ApiProperty() botMessages!: number;
  @ApiProperty() agentMessages!: number;
  @ApiProperty() total!: number;
}

export class MessageVolumeResponse extends RangeResponse {
  @ApiProperty({ enum: ['hour', 'day'] }) bucket!: string;
  @ApiProperty({ enum: ['bot', 'channel'] }) groupBy!: string;
  @ApiProperty({ type: [MessageVolumeRowResponse] }) rows!: MessageVolumeRowResponse[];
}

export class BotPerformanceRowResponse {
  @ApiProperty() botId!: string;
  @ApiProperty() botName!: string;
  @ApiProperty() customerMessages!: number;
  @ApiProperty() conversations!: number;
  @ApiProperty({ description: 'answered + answeredWithoutInformation + unanswered' })
  questions!: number;
  @ApiProperty({ description: 'Answered from its knowledge' }) answered!: number;
  @ApiProperty({ description: 'Answered (generated or fallback) without enough information' })
  answeredWithoutInformation!: number;
  @ApiProperty({ description: 'Left silent' }) unanswered!: number;
  @ApiProperty() handoffs!: number;
  @Nullable('answered / questions') answerRate!: number | null;
  @Nullable('handoffs / conversations') handoffRate!: number | null;
  @Nullable('Mean time a question waited for the bot') averageWaitMs!: number | null;
}

export class UnansweredQuestionResponse {
  @ApiProperty() question!: string;
  @ApiProperty() times!: number;
  @ApiProperty({ example: '2026-11-29T14:03:12' }) lastAskedAt!: string;
}

export class BotPerformanceResponse extends RangeResponse {
  @ApiProperty({ type: [BotPerformanceRowResponse] }) bots!: BotPerformanceRowResponse[];
  @ApiProperty({ type: [UnansweredQuestionResponse] }) topUnanswered!: UnansweredQuestionResponse[];
}

export class SentimentRowResponse {
  @ApiProperty({ example: '2026-11-23', description: 'Monday of the week (or the day, month)' })
  bucket!: string;
  @ApiProperty() botId!: string;
  @ApiProperty() botName!: string;
  @ApiProperty() conversations!: number;
  @ApiProperty() negativeConversations!: number;
  @Nullable('negativeConversations / conversations') negativeShare!: number | null;
  @Nullable('In [-1, 1]') averageSentiment!: number | null;
  @ApiProperty() messages!: number;
}

export class SentimentResponse extends RangeResponse {
  @ApiProperty({ enum: ['day', 'week', 'month'] }) bucket!: string;
  @ApiProperty({ example: -0.2 }) negativeBelow!: number;
  @ApiProperty({ type: [SentimentRowResponse] }) rows!: SentimentRowResponse[];
}

export class AgentPerformanceRowResponse {
  @ApiProperty() agentId!: string;
  @ApiProperty() agentName!: string;
  @ApiProperty() conversationsHandled!: number;
  @ApiProperty() ticketsAssigned!: number;
  @ApiProperty() messagesSent!: number;
  @ApiProperty() firstResponses!: number;
  @Nullable('From the ticket opening to the first reply, pending time excluded')
  averageFirstResponseSeconds!: number | null;
  @ApiProperty() ticketsResolved!: number;
  @Nullable('ticketsResolved / ticketsAssigned, at most 1') resolutionRate!: number | null;
  @Nullable('From the ticket opening to its resolution') averageResolutionSeconds!: number | null;
  @ApiProperty() ratings!: number;
  @Nullable('1 to 5') averageCsat!: number | null;
}

export class AgentPerformanceResponse extends RangeResponse {
  @ApiProperty({ type: [AgentPerformanceRowResponse] }) agents!: AgentPerformanceRowResponse[];
}

export class CsatRowResponse {
  @ApiProperty() bucket!: string;
  @ApiProperty({ description: "'' for conversations no agent had" }) agentId!: string;
  @ApiProperty() agentName!: string;
  @ApiProperty() ratings!: number;
  @Nullable('1 to 5') average!: number | null;
}

export class CsatResponse extends RangeResponse {
  @ApiProperty({ enum: ['day', 'week', 'month'] }) bucket!: string;
  @ApiProperty({ type: [CsatRowResponse] }) rows!: CsatRowResponse[];
  @ApiProperty({ example: { '1': 0, '2': 1, '3': 0, '4': 5, '5': 12 } })
  distribution!: Record<string, number>;
  @ApiProperty() ratings!: number;
  @Nullable('1 to 5') average!: number | null;
}

export class AvailabilityRowResponse {
  @ApiProperty({ example: '2026-11-29' }) day!: string;
  @ApiProperty() agentId!: string;
  @ApiProperty() agentName!: string;
  @ApiProperty() onlineSeconds!: number;
  @ApiProperty() idleSeconds!: number;
}

export class AvailabilityResponse extends RangeResponse {
  @ApiProperty({ type: [AvailabilityRowResponse] }) rows!: AvailabilityRowResponse[];
}

export class SlaRowResponse {
  @ApiProperty() bucket!: string;
  @ApiProperty() firstResponses!: number;
  @ApiProperty() firstResponsesWithinTarget!: number;
  @Nullable('Share within target') firstResponseRate!: number | null;
  @Nullable('Seconds') averageFirstResponseSeconds!: number | null;
  @ApiProperty() resolved!: number;
  @ApiProperty() resolvedWithinTarget!: number;
  @Nullable('Share within target') resolutionRate!: number | null;
  @Nullable('Seconds') averageResolutionSeconds!: number | null;
  @ApiProperty() firstResponseBreaches!: number;
  @ApiProperty() resolutionBreaches!: number;
}

export class SlaResponse extends RangeResponse {
  @ApiProperty({ enum: ['day', 'week', 'month'] }) bucket!: string;
  @ApiProperty({ type: [SlaRowResponse] }) rows!: SlaRowResponse[];
}

class UsageResponse {
  @ApiProperty() llmCalls!: number;
  @ApiProperty() llmPromptTokens!: number;
  @ApiProperty() llmCompletionTokens!: number;
  @ApiProperty() embeddingCalls!: number;
  @ApiProperty() embeddingTokens!: number;
  @ApiProperty({ description: 'USD, by the price table (LLM_PRICES) when the usage was written' })
  costUsd!: number;
}

export class CostDayResponse extends UsageResponse {
  @ApiProperty() bucket!: string;
}

export class BotCostResponse extends UsageResponse {
  @ApiProperty() botId!: string;
  @ApiProperty() botName!: string;
}

export class CustomerCostResponse extends UsageResponse {
  @ApiProperty() customerId!: string;
  @ApiProperty() customerName!: string;
  @Nullable('Standard deviations above the mean cost per customer') zScore!: number | null;
  @ApiProperty({ description: 'zScore of 3 or more' }) outlier!: boolean;
}

class CustomerCostsResponse {
  @ApiProperty() count!: number;
  @ApiProperty() meanCostUsd!: number;
  @ApiProperty() stddevCostUsd!: number;
  @ApiProperty({ type: [CustomerCostResponse] }) top!: CustomerCostResponse[];
}

export class CostResponse extends RangeResponse {
  @ApiProperty({ enum: ['day', 'week', 'month'] }) bucket!: string;
  @ApiProperty({ type: UsageResponse }) totals!: UsageResponse;
  @ApiProperty({ type: [CostDayResponse] }) days!: CostDayResponse[];
  @ApiProperty({ type: [BotCostResponse] }) bots!: BotCostResponse[];
  @ApiProperty({ type: CustomerCostsResponse }) customers!: CustomerCostsResponse;
}

class IngestionWorkResponse {
  @ApiProperty({ description: 'Ingestion runs finished, failed ones included' }) runs!: number;
  @ApiProperty() failures!: number;
  @ApiProperty() pages!: number;
  @ApiProperty() chunks!: number;
  @ApiProperty({ description: 'Time the runs took, in seconds' }) seconds!: number;
}

export class IngestionRowResponse extends IngestionWorkResponse {
  @ApiProperty({ example: '2026-11-29', description: 'The day (or Monday of the week, month)' })
  bucket!: string;
  @ApiProperty() botId!: string;
  @ApiProperty() botName!: string;
}

export class IngestionResponse extends RangeResponse {
  @ApiProperty({ enum: ['day', 'week', 'month'] }) bucket!: string;
  @ApiProperty({ type: IngestionWorkResponse }) totals!: IngestionWorkResponse;
  @ApiProperty({ type: [IngestionRowResponse] }) rows!: IngestionRowResponse[];
}
