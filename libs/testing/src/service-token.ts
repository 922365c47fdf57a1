import { SERVICE_TOKEN_HEADER } from '@cxgenie/contracts';
import { TEST_SERVICE_TOKEN } from './test-env';

/** Headers a test sends when it calls an internal route as one of our services would. */
export const serviceTokenHeaders = (): Record<string, string> => ({
  [SERVICE_TOKEN_HEADER]: TEST_SERVICE_TOKEN,
});
