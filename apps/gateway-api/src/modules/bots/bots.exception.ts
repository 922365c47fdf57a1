import { AppException, type ErrorKind, invalidFieldsMessage } from '@cxgenie/contracts';

export enum BotsExceptionCode {
  /** Checked on the bot as it will be stored, so a PATCH of either field alone cannot break it. */
  FALLBACK_MESSAGE_REQUIRED = 'FALLBACK_MESSAGE_REQUIRED',
  /** Neither a model the provider is known to serve nor one the deployment allows. */
  UNKNOWN_MODEL = 'UNKNOWN_MODEL',
}

const KINDS: Record<BotsExceptionCode, ErrorKind> = {
  FALLBACK_MESSAGE_REQUIRED: 'invalid',
  UNKNOWN_MODEL: 'invalid',
};

export class BotsException extends AppException<BotsExceptionCode> {
  get kind(): ErrorKind {
    return KINDS[this.code];
  }

  static fallbackMessageRequired(): BotsException {
    const details = [
      {
        field: 'fallbackMessage',
        message: 'must not be blank when typeReplyUnknown is INPUT_ANSWER',
      },
    ];
    return new BotsException(
      BotsExceptionCode.FALLBACK_MESSAGE_REQUIRED,
      invalidFieldsMessage(details),
      details,
    );
  }

  static unknownModel(provider: string, model: string): BotsException {
    const details = [
      {
        field: 'llmModel',
        message: `'${model}' is not a known ${provider} model (an operator can allow it with LLM_MODEL_ALLOWLIST)`,
      },
    ];
    return new BotsException(
      BotsExceptionCode.UNKNOWN_MODEL,
      invalidFieldsMessage(details),
      details,
    );
  }
}
