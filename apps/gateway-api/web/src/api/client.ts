import createClient from 'openapi-fetch';
import { getSession, refreshSession } from '../session/session';
import { ApiError, apiErrorOf } from './errors';
import type { paths } from './schema';

/**
 * Adds the access token; on a 401 refreshes the session once and repeats the request with the
 * new token. The request is cloned before it is sent, so its body can be sent again.
 */
async function authorizedFetch(request: Request): Promise<Response> {
  const retry = request.clone();
  const token = getSession()?.accessToken;
  if (token) request.headers.set('authorization', `Bearer ${token}`);
  const res = await fetch(request);
  if (res.status !== 401 || !token) return res;
  try {
    const session = await refreshSession();
    retry.headers.set('authorization', `Bearer ${session.accessToken}`);
  } catch {
    return res;
  }
  return fetch(retry);
}

/** The typed client: paths, parameters and bodies come from the generated OpenAPI types. */
export const api = createClient<paths>({ baseUrl: '', fetch: authorizedFetch });

/** openapi-fetch's `{ data, error, response }` as a value or a thrown ApiError. */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw await apiErrorOf(response, error ?? null);
  return data as T;
}

/**
 * For the routes whose responses the OpenAPI document does not describe yet (conversations and
 * tickets): the same authorization and errors, with the shape declared in ./types.ts.
 */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await authorizedFetch(
    new Request(path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
  if (!res.ok) throw await apiErrorOf(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** A multipart upload with its byte progress (fetch cannot report upload progress). */
export function uploadWithProgress<T>(
  path: string,
  form: FormData,
  onProgress: (fraction: number) => void,
): Promise<T> {
  const send = (token: string | undefined) =>
    new Promise<{ status: number; body: unknown }>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', path);
      if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable) onProgress(event.loaded / event.total);
      };
      xhr.onload = () => {
        let body: unknown = null;
        try {
          body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
        } catch {
          body = null;
        }
        resolve({ status: xhr.status, body });
      };
      xhr.onerror = () => reject(new ApiError(0, 'The upload could not reach the server'));
      xhr.send(form);
    });
  return (async () => {
    let result = await send(getSession()?.accessToken);
    if (result.status === 401) result = await send((await refreshSession()).accessToken);
    if (result.status < 200 || result.status >= 300)
      throw await apiErrorOf(new Response(null, { status: result.status }), result.body);
    return result.body as T;
  })();
}

/**
 * Downloads a file from an authorized route: a plain link cannot carry the access token, so the
 * bytes are fetched and handed to the browser as a download under the given name.
 */
export async function download(path: string, filename: string): Promise<void> {
  const res = await authorizedFetch(new Request(path));
  if (!res.ok) throw await apiErrorOf(res);
  const url = URL.createObjectURL(await res.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    link.rel = 'noopener';
    document.body.appendChild(link);
    link.click();
    link.remove();
  } finally {
    // The click has started the download; the URL is not needed once it has been read.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

/** A multipart/form-data POST with the same authorization and errors as `request`. */
export async function requestForm<T>(path: string, form: FormData): Promise<T> {
  const res = await authorizedFetch(new Request(path, { method: 'POST', body: form }));
  if (!res.ok) throw await apiErrorOf(res);
  return (await res.json()) as T;
}
