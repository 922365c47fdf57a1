export { metaSignature, verifyMetaSignature, META_SIGNATURE_HEADER } from './meta-signature';
export { answerMetaHandshake } from './meta-handshake';
export { GraphApiClient } from './graph-api.client';
export type { GraphApiClientOptions } from './graph-api.client';
export { graphDeliveryError } from './graph-api-error';
export { DEFAULT_GRAPH_API_ROOT, GRAPH_API_VERSION } from './meta-adapter-options';
export type { MetaAdapterOptions } from './meta-adapter-options';
export { pageCredentialsSchema } from './meta-credentials.schema';
export type { PageCredentials } from './meta-credentials.schema';
