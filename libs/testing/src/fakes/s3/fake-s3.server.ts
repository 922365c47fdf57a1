import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32 } from 'node:zlib';

export interface FakeS3Options {
  /** Buckets that exist; any other answers NoSuchBucket. */
  buckets?: string[];
  region?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
}

export const FAKE_S3_ACCESS_KEY_ID = 'AKIAFAKES3TESTKEY';
export const FAKE_S3_SECRET_ACCESS_KEY = 'fake-s3-secret-access-key-for-tests';

export interface StoredS3Object {
  body: Buffer;
  contentType: string;
  etag: string;
  crc32: string | null;
}

export interface RecordedS3Request {
  method: string;
  bucket: string;
  key: string;
  status: number;
}

interface S3Failure {
  status: number;
  code: string;
}

interface MatchedFailure extends S3Failure {
  matches: (request: { method: string; bucket: string; key: string }) => boolean;
}

interface ParsedRequest {
  method: string;
  bucket: string;
  key: string;
  query: URLSearchParams;
  body: Buffer;
}

class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const sha256Hex = (data: string | Buffer): string =>
  createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer =>
  createHmac('sha256', key).update(data).digest();
/** RFC 3986 encoding, the one SigV4 canonicalises with. */
const uriEncode = (value: string): string =>
  encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
const crc32Base64 = (body: Buffer): string => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(crc32(body) >>> 0);
  return bytes.toString('base64');
};
const xmlEscape = (value: string): string =>
  value.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The S3 REST API at the wire for objects on path-style URLs (`/{bucket}/{key}`), for the real
 * `@aws-sdk/client-s3` pointed at `endpoint` with `forcePathStyle`: PutObject, GetObject,
 * HeadObject and DeleteObject. Like S3 it verifies the SigV4 signature (so a wrong secret or
 * region fails as on AWS), the declared payload SHA-256 and CRC32 checksum, and answers errors
 * as S3's XML. `failNext` scripts transient failures to exercise the SDK's retries.
 */
export class FakeS3 {
  readonly requests: RecordedS3Request[] = [];
  private readonly objects = new Map<string, Map<string, StoredS3Object>>();
  private readonly failures: S3Failure[] = [];
  private readonly matchedFailures = new Set<MatchedFailure>();

  private constructor(
    private readonly server: Server,
    readonly region: string,
    readonly accessKeyId: string,
    private readonly secretAccessKey: string,
    buckets: string[],
  ) {
    for (const bucket of buckets) this.objects.set(bucket, new Map());
  }

  static async start(options: FakeS3Options = {}): Promise<FakeS3> {
    const server = createServer();
    const fake = new FakeS3(
      server,
      options.region ?? 'us-east-1',
      options.accessKeyId ?? FAKE_S3_ACCESS_KEY_ID,
      options.secretAccessKey ?? FAKE_S3_SECRET_ACCESS_KEY,
      options.buckets ?? ['uploads'],
    );
    server.on('request', (req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return fake;
  }

  /** What the SDK's `endpoint` option takes. */
  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The object as stored, or undefined: lets a test check the bytes past the SDK. */
  object(bucket: string, key: string): StoredS3Object | undefined {
    return this.objects.get(bucket)?.get(key);
  }

  keys(bucket: string): string[] {
    return [...(this.objects.get(bucket)?.keys() ?? [])].sort();
  }

  /** The next `times` requests fail with this status and S3 error code (e.g. 503 SlowDown). */
  failNext(status: number, code: string, times = 1): void {
    for (let i = 0; i < times; i++) this.failures.push({ status, code });
  }

  /** Every request the predicate matches fails until the returned function is called. */
  failMatching(matches: MatchedFailure['matches'], status: number, code: string): () => void {
    const failure = { matches, status, code };
    this.matchedFailures.add(failure);
    return () => this.matchedFailures.delete(failure);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://fake-s3');
    const [bucketPart = '', ...keyParts] = url.pathname.slice(1).split('/');
    const parsed: ParsedRequest = {
      method: req.method ?? 'GET',
      bucket: decodeURIComponent(bucketPart),
      key: keyParts.map(decodeURIComponent).join('/'),
      query: url.searchParams,
      body,
    };
    let status: number;
    try {
      this.verifySignature(req, url, body);
      const failure =
        [...this.matchedFailures].find((f) => f.matches(parsed)) ?? this.failures.shift();
      if (failure) throw new S3Error(failure.status, failure.code, 'Scripted failure');
      status = this.route(parsed, req, res);
    } catch (error) {
      const s3 =
        error instanceof S3Error ? error : new S3Error(500, 'InternalError', String(error));
      status = s3.status;
      this.sendError(res, parsed, s3);
    }
    this.requests.push({ method: parsed.method, bucket: parsed.bucket, key: parsed.key, status });
  }

  private route(request: ParsedRequest, req: IncomingMessage, res: ServerResponse): number {
    const bucket = this.objects.get(request.bucket);
    if (!bucket) throw new S3Error(404, 'NoSuchBucket', 'The specified bucket does not exist');
    if (!request.key || [...request.query.keys()].some((name) => name !== 'x-id'))
      throw new S3Error(501, 'NotImplemented', 'Only object PUT, GET, HEAD and DELETE are faked');
    switch (request.method) {
      case 'PUT':
        return this.putObject(bucket, request, req, res);
      case 'GET':
      case 'HEAD':
        return this.readObject(bucket, request, req, res);
      case 'DELETE':
        bucket.delete(request.key);
        res.writeHead(204, this.baseHeaders()).end();
        return 204;
      default:
        throw new S3Error(405, 'MethodNotAllowed', `${request.method} is not allowed`);
    }
  }

  private putObject(
    bucket: Map<string, StoredS3Object>,
    request: ParsedRequest,
    req: IncomingMessage,
    res: ServerResponse,
  ): number {
    const declared = req.headers['x-amz-checksum-crc32'];
    const actual = crc32Base64(request.body);
    if (typeof declared === 'string' && declared !== actual)
      throw new S3Error(400, 'BadDigest', 'The CRC32 you specified did not match the calculated');
    const etag = `"${createHash('md5').update(request.body).digest('hex')}"`;
    bucket.set(request.key, {
      body: request.body,
      contentType: req.headers['content-type'] ?? 'binary/octet-stream',
      etag,
      crc32: typeof declared === 'string' ? declared : null,
    });
    res.writeHead(200, { ...this.baseHeaders(), etag }).end();
    return 200;
  }

  private readObject(
    bucket: Map<string, StoredS3Object>,
    request: ParsedRequest,
    req: IncomingMessage,
    res: ServerResponse,
  ): number {
    const object = bucket.get(request.key);
    if (!object) throw new S3Error(404, 'NoSuchKey', 'The specified key does not exist.');
    const checksum =
      req.headers['x-amz-checksum-mode'] === 'ENABLED' && object.crc32
        ? { 'x-amz-checksum-crc32': object.crc32 }
        : {};
    res.writeHead(200, {
      ...this.baseHeaders(),
      ...checksum,
      etag: object.etag,
      'content-type': object.contentType,
      'content-length': String(object.body.length),
    });
    res.end(request.method === 'HEAD' ? undefined : object.body);
    return 200;
  }

  private verifySignature(req: IncomingMessage, url: URL, body: Buffer): void {
    const header = req.headers.authorization ?? '';
    const match =
      /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
        header,
      );
    if (!match) throw new S3Error(403, 'AccessDenied', 'Missing or malformed SigV4 authorization');
    const [, accessKeyId, date, region, signedHeaders, signature] = match;
    if (accessKeyId !== this.accessKeyId)
      throw new S3Error(403, 'InvalidAccessKeyId', 'The AWS Access Key Id does not exist');
    if (region !== this.region)
      throw new S3Error(400, 'AuthorizationHeaderMalformed', `the region '${region}' is wrong`);
    const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
    if (payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== sha256Hex(body))
      throw new S3Error(400, 'XAmzContentSHA256Mismatch', 'The payload hash does not match');
    const amzDate = String(req.headers['x-amz-date'] ?? '');
    const canonicalRequest = [
      req.method,
      url.pathname,
      [...url.searchParams.entries()]
        .map(([name, value]) => `${uriEncode(name)}=${uriEncode(value)}`)
        .sort()
        .join('&'),
      ...signedHeaders.split(';').map(
        (name) =>
          `${name}:${String(req.headers[name] ?? '')
            .trim()
            .replace(/\s+/g, ' ')}`,
      ),
      '',
      signedHeaders,
      payloadHash,
    ].join('\n');
    const scope = `${date}/${region}/s3/aws4_request`;
    const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join(
      '\n',
    );
    const key = ['s3', 'aws4_request'].reduce(
      (k, part) => hmac(k, part),
      hmac(hmac(`AWS4${this.secretAccessKey}`, date), region),
    );
    const expected = Buffer.from(hmac(key, stringToSign).toString('hex'));
    if (!timingSafeEqual(expected, Buffer.from(signature)))
      throw new S3Error(403, 'SignatureDoesNotMatch', 'The request signature does not match');
  }

  private sendError(res: ServerResponse, request: ParsedRequest, error: S3Error): void {
    const headers = { ...this.baseHeaders(), 'content-type': 'application/xml' };
    if (request.method === 'HEAD') {
      res.writeHead(error.status, headers).end();
      return;
    }
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<Error><Code>${error.code}</Code><Message>${xmlEscape(error.message)}</Message>` +
      `<Key>${xmlEscape(request.key)}</Key><BucketName>${xmlEscape(request.bucket)}</BucketName>` +
      `<RequestId>${randomBytes(8).toString('hex')}</RequestId></Error>`;
    res.writeHead(error.status, headers).end(xml);
  }

  private baseHeaders(): Record<string, string> {
    return { 'x-amz-request-id': randomBytes(8).toString('hex').toUpperCase() };
  }
}
