/** Why a retrieval request cannot be served, independent of the transport. */
export enum RetrievalErrorCode {
  BotNotFound = 'BOT_NOT_FOUND',
}

export class RetrievalException extends Error {
  constructor(
    readonly code: RetrievalErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RetrievalException';
  }
}

export class BotNotFoundException extends RetrievalException {
  constructor(botId: string) {
    super(RetrievalErrorCode.BotNotFound, `bot ${botId} does not exist in this workspace`);
  }
}
