import { Inject, Injectable } from '@nestjs/common';
import { SecretBox as SealedSecrets } from '@cxgenie/channels';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';

/**
 * AES-256-GCM for secrets at rest (channel credentials, webhook secrets), keyed by ENCRYPTION_KEY.
 * The implementation lives in @cxgenie/channels: the integration service opens what this seals.
 */
@Injectable()
export class SecretBox extends SealedSecrets {
  constructor(@Inject(SERVICE_CONFIG) config: ServiceConfig) {
    super(config.encryptionKey);
  }
}
