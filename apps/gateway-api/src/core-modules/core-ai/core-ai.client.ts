import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { CoreAiHttpClient } from '@cxgenie/contracts';
import { tracedHttpPost } from '@cxgenie/observability';

/** gateway-api's core-ai client: the typed contract client, over the tracing HTTP transport. */
@Injectable()
export class CoreAiClient extends CoreAiHttpClient {
  constructor(@Inject(SERVICE_CONFIG) config: ServiceConfig) {
    super({ baseUrl: config.serviceUrls['core-ai'], post: tracedHttpPost });
  }
}
