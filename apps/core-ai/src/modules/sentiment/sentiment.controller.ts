import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CORE_AI_SENTIMENT_PATH, type SentimentResponse } from '@cxgenie/contracts';
import { InternalRoute } from '@cxgenie/observability';
import { SentimentRequestDto } from './sentiment-request.dto';
import { SentimentService } from './sentiment.service';

/** Judges customer messages' sentiment with a bot's model (gateway-api's analytics writer asks). */
@InternalRoute()
@Controller()
export class SentimentController {
  constructor(private readonly sentiment: SentimentService) {}

  @Post(CORE_AI_SENTIMENT_PATH)
  @HttpCode(200)
  judge(@Body() request: SentimentRequestDto): Promise<SentimentResponse> {
    return this.sentiment.judge(request);
  }
}
