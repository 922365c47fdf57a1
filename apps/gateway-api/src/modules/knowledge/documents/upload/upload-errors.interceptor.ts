import {
  BadRequestException,
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
  PayloadTooLargeException,
} from '@nestjs/common';
import { type Observable, catchError, throwError } from 'rxjs';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { KnowledgeException } from '../../knowledge.exception';
import { MAX_FILES_PER_UPLOAD, UPLOAD_FIELD } from './upload-limits';
import { oversizedFileOf } from './upload-storage.engine';
import { uploadedFilename } from './uploaded-filename';

/**
 * Wraps the multer interceptor (list it first) to turn multer's terse errors into ones that say
 * which file or field was wrong and that nothing was stored.
 */
@Injectable()
export class UploadErrorsInterceptor implements NestInterceptor {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<object>();
    return next
      .handle()
      .pipe(catchError((error: unknown) => throwError(() => this.explain(error, request))));
  }

  private explain(error: unknown, request: object): unknown {
    const oversized = oversizedFileOf(request);
    if (error instanceof PayloadTooLargeException && oversized !== undefined)
      return KnowledgeException.fileTooLarge(
        uploadedFilename(oversized),
        this.config.knowledge.uploadMaxBytes,
      );
    // multer's own refusals.
    if (!(error instanceof BadRequestException)) return error;
    if (error.message === 'Too many files')
      return KnowledgeException.tooManyFiles(MAX_FILES_PER_UPLOAD, UPLOAD_FIELD);
    if (error.message.startsWith('Unexpected field'))
      return KnowledgeException.unexpectedField(UPLOAD_FIELD);
    return error;
  }
}
