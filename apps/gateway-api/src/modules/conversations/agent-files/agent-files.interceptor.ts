import {
  BadRequestException,
  type CallHandler,
  Injectable,
  type NestInterceptor,
  PayloadTooLargeException,
} from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import { type Observable, catchError, throwError } from 'rxjs';
import { MAX_AGENT_ATTACHMENTS, MAX_AGENT_ATTACHMENT_BYTES } from '@cxgenie/contracts';
import { GatewayConversationsException } from '../conversations.exception';

export const AGENT_FILES_FIELD = 'files';

/**
 * multer on the reply route, in memory and bounded: one file more than allowed and one byte more
 * than the limit are enough to know the request is refused (AgentFiles says why in full).
 */
export const AgentFilesParser = FilesInterceptor(AGENT_FILES_FIELD, MAX_AGENT_ATTACHMENTS + 1, {
  limits: {
    fileSize: MAX_AGENT_ATTACHMENT_BYTES + 1,
    files: MAX_AGENT_ATTACHMENTS + 1,
    fields: 5,
    fieldSize: 64 * 1024,
    parts: MAX_AGENT_ATTACHMENTS + 6,
    headerPairs: 100,
  },
});

/** List it before AgentFilesParser: turns multer's terse refusals into ones naming the field. */
@Injectable()
export class AgentFilesErrors implements NestInterceptor {
  intercept(_context: unknown, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((error: unknown) => throwError(() => explain(error))));
  }
}

function explain(error: unknown): unknown {
  if (error instanceof PayloadTooLargeException)
    return GatewayConversationsException.fileTooLarge(null, MAX_AGENT_ATTACHMENT_BYTES);
  if (!(error instanceof BadRequestException)) return error;
  if (error.message === 'Too many files')
    return GatewayConversationsException.tooManyFiles(MAX_AGENT_ATTACHMENTS);
  if (error.message.startsWith('Unexpected field'))
    return GatewayConversationsException.unexpectedFileField(AGENT_FILES_FIELD);
  return error;
}
