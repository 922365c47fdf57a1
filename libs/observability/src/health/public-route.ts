import { SetMetadata } from '@nestjs/common';

/**
 * Marks a route that needs no credentials (probes, metrics scraping, login). Declared here, below
 * every service, so the platform's own controllers can carry it and each service's auth honours it.
 */
export const PUBLIC_ROUTE = 'platform:public-route';
export const PublicRoute = () => SetMetadata(PUBLIC_ROUTE, true);
