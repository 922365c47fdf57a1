import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { CoreAiHttpClient, SERVICE_TOKEN_HEADER, getViaFetch } from '@cxgenie/contracts';
import { tracedFetch, tracedHttpPost } from '@cxgenie/observability';

/**
 * gateway-api's core-ai client: the typed contract client, over the tracing HTTP transport, with
 * the service token core-ai's internal routes ask for.
 */
@Injectable()
export class CoreAiClient extends CoreAiHttpClient {
  constructor(@Inject(SERVICE_CONFIG) config: ServiceConfig) {
    const token = { [SERVICE_TOKEN_HEADER]: config.serviceToken };
    super({
      baseUrl: config.serviceUrls['core-ai'],
      post: (url, init) => tracedHttpPost(url, { ...init, headers: { ...init.headers, ...token } }),
      get: getViaFetch((url, init) =>
        tracedFetch(url, { ...init, headers: { ...init.headers, ...token } }),
      ),
    });
  }
}
