import { Body, Controller, HttpCode, Logger, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CORE_AI_ANSWER_PATH, type AnswerStreamEvent } from '@cxgenie/contracts';
import { InternalRoute } from '@cxgenie/observability';
import { AnswerRequestDto } from './answer-request.dto';
import { AnswerService } from './answer.service';

/** Streams an answer as newline-delimited JSON: deltas, then one `done` or `error`. */
@InternalRoute()
@Controller()
export class AnswerController {
  private readonly logger = new Logger(AnswerController.name);

  constructor(private readonly answers: AnswerService) {}

  @Post(CORE_AI_ANSWER_PATH)
  @HttpCode(200)
  async answer(@Body() request: AnswerRequestDto, @Res() res: Response): Promise<void> {
    const aborted = new AbortController();
    res.on('close', () => aborted.abort());
    res.setHeader('content-type', 'application/x-ndjson; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    // Tokens produced in the same tick leave in one TCP write instead of one write each.
    let corked = false;
    const write = (event: AnswerStreamEvent) => {
      if (!corked) {
        corked = true;
        res.cork();
        setImmediate(() => {
          corked = false;
          res.uncork();
        });
      }
      res.write(`${JSON.stringify(event)}\n`);
    };
    try {
      for await (const event of this.answers.answer(request, aborted.signal)) write(event);
    } catch (error) {
      // Headers are gone already: the failure travels in-band, as the stream's last event.
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.error(`answer failed: ${reason}`);
      write({ type: 'error', message: `The answer provider failed: ${reason}` });
    }
    res.end();
  }
}
