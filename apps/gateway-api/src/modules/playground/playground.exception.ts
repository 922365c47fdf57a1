import { BadGatewayException } from '@nestjs/common';

/** Why the playground could not answer; transport-neutral, mapped to HTTP by the exception. */
export enum PlaygroundErrorCode {
  /** core-ai refused, failed mid-answer or could not be reached. */
  EngineFailed = 'engine_failed',
}

/** The answer engine failed: the message says how, so the person trying the bot can act on it. */
export class PlaygroundEngineException extends BadGatewayException {
  readonly code = PlaygroundErrorCode.EngineFailed;

  constructor(reason: string) {
    super(`The answer engine failed: ${reason}`);
  }
}
