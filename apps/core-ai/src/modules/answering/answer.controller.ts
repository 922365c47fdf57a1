import { Body, Controller, HttpCode, Inject, Logger, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { CORE_AI_ANSWER_PATH } from '@cxgenie/contracts';
import { InternalRoute } from '@cxgenie/observability';
import { AnswerRequestDto } from './answer-request.dto';
import { AnswerService } from './answer.service';
import { AnswerStreamWriter } from './streaming/answer-stream-writer';

/**
 * Streams an answer as newline-delimited JSON: deltas, then one `done` or `error`. Deltas that
 * come close together leave as one (AnswerStreamWriter, ADR 0053).
 */
@InternalRoute()
@Controller()
export class AnswerController {
  private readonly logger = new Logger(AnswerController.name);

  constructor(
    private readonly answers: AnswerService,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  @Post(CORE_AI_ANSWER_PATH)
  @HttpCode(200)
  async answer(@Body() request: AnswerRequestDto, @Res() res: Response): Promise<void> {
    const aborted = new AbortController();
    // Only a caller gone mid-answer aborts: after end() there is nothing left to stop.
    res.on('close', () => {
      if (!res.writableEnded) aborted.abort();
    });
    res.setHeader('content-type', 'application/x-ndjson; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    const stream = new AnswerStreamWriter({
      write: (lines) => {
        if (!res.destroyed) res.write(lines);
      },
      flushMs: this.config.answerStreamFlushMs,
    });
    try {
      for await (const event of this.answers.answer(request, aborted.signal)) stream.push(event);
    } catch (error) {
      // Headers are gone already: the failure travels in-band, as the stream's last event.
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.error(`answer failed: ${reason}`);
      stream.push({ type: 'error', message: `The answer provider failed: ${reason}` });
    }
    stream.end();
    res.end();
  }
}
