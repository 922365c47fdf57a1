/**
 * How a stored file is named where a URL is expected (an attachment's `url`): `storage:<key>`.
 * Services that send or serve a file read only these, so a message never makes us fetch a URL
 * from elsewhere.
 */
export const STORAGE_URL_PREFIX = 'storage:';

export const storageUrl = (key: string): string => `${STORAGE_URL_PREFIX}${key}`;

export const storageKeyOfUrl = (url: string): string | null =>
  url.startsWith(STORAGE_URL_PREFIX) ? url.slice(STORAGE_URL_PREFIX.length) : null;
