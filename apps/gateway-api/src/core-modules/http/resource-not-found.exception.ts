import { AppException, type ErrorKind, notFoundMessage } from '@cxgenie/contracts';

export enum ResourceExceptionCode {
  RESOURCE_NOT_FOUND = 'RESOURCE_NOT_FOUND',
}

/** Missing, soft-deleted, or another workspace's: callers cannot tell, by design. */
export class ResourceNotFoundException extends AppException<ResourceExceptionCode> {
  readonly kind: ErrorKind = 'not_found';

  constructor(resource: string) {
    super(ResourceExceptionCode.RESOURCE_NOT_FOUND, notFoundMessage(resource));
  }
}
