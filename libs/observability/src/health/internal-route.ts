import { SetMetadata } from '@nestjs/common';

/**
 * Marks a route only our own services call (core-ai's API, integration's channel connect). The
 * platform refuses it without the shared service token; the chart keeps it off the ingress and
 * NetworkPolicies keep it to our pods, so a leaked path alone opens nothing.
 */
export const INTERNAL_ROUTE = 'platform:internal-route';
export const InternalRoute = () => SetMetadata(INTERNAL_ROUTE, true);
