import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { TenantConnections } from '@cxgenie/database';
import { type FileStorage, STORAGE } from '@cxgenie/storage';
import {
  ApiClient,
  type BootedService,
  bootService,
  FAKE_S3_ACCESS_KEY_ID,
  FAKE_S3_SECRET_ACCESS_KEY,
  FakeS3,
  signInAsNewMember,
} from '@cxgenie/testing';
import { gatewayApiService } from '../../gateway-api.service';
import { DocumentMimeTypes } from './documents/upload/document-type';
import { PNG_BYTES, makeDocx, makePdf, makeXlsx } from './documents/upload/upload.test-helpers';
import { jobsOfSource, queuedIngestJobs, uploadFiles } from './knowledge-ingest.test-helpers';
import { seedBot } from './knowledge.test-helpers';

interface Uploaded {
  sourceId: string;
  documentId: string;
  filename: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  status: string;
}
interface ErrorBody {
  statusCode: number;
  message: string;
  details: { field: string; message: string }[];
}

const MAX_BYTES = 64 * 1024;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('uploading documents into a bot’s knowledge', () => {
  let gateway: BootedService;
  let tenants: TenantConnections;
  let storage: FileStorage;
  let owner: ApiClient;
  let admin: ApiClient;
  let agent: ApiClient;
  let workspaceId: string;

  /** A fresh bot per test, so "nothing was stored" is checked against an empty bot. */
  const newBot = () => seedBot(tenants, workspaceId, 'Upload bot');
  const sourcesOf = async (botId: string) => {
    const { models } = await tenants.scope(workspaceId);
    return models.KnowledgeSource.count({ where: { botId }, paranoid: false });
  };
  /** Files the workspace has in storage, straight from the disk. */
  const storedFiles = async (): Promise<number> =>
    (
      await readdir(join(gateway.config.dataDir, 'uploads', workspaceId), {
        recursive: true,
        withFileTypes: true,
      }).catch(() => [])
    ).filter((entry) => entry.isFile()).length;

  beforeAll(async () => {
    gateway = await bootService(gatewayApiService, {
      KNOWLEDGE_UPLOAD_MAX_BYTES: String(MAX_BYTES),
    });
    tenants = gateway.app.get(TenantConnections);
    storage = gateway.app.get<FileStorage>(STORAGE);
    owner = await ApiClient.signUp(gateway.url);
    workspaceId = owner.session!.workspaceId;
    admin = await signInAsNewMember(gateway, workspaceId, 'admin');
    agent = await signInAsNewMember(gateway, workspaceId, 'agent');
  });
  afterAll(() => gateway.close());

  it('takes every supported type in one request, typed by content, stored, queued, at once', async () => {
    const bot = await newBot();
    const files = {
      pdf: await makePdf(),
      docx: await makeDocx(),
      xlsx: await makeXlsx(),
      csv: Buffer.from('plan,price\npro,49\n'),
      md: Buffer.from('# Returns\n\nWithin 30 days.\n'),
      html: Buffer.from('<!doctype html><html><body><h1>Help</h1></body></html>'),
      txt: Buffer.from('Opening hours: 9 to 5.'),
    };
    const res = await uploadFiles<{ items: Uploaded[] }>(admin, bot, [
      // Names and claimed types deliberately wrong where the content says otherwise.
      { name: 'manual.bin', bytes: files.pdf, type: 'image/png' },
      { name: 'policy.docx', bytes: files.docx },
      { name: 'prices', bytes: files.xlsx },
      { name: 'prices.csv', bytes: files.csv },
      { name: 'returns.md', bytes: files.md },
      { name: 'help.txt', bytes: files.html },
      { name: 'hours.txt', bytes: files.txt },
    ]);
    expect(res.status).toBe(202);
    expect(res.body.items.map((i) => [i.filename, i.mimeType])).toEqual([
      ['manual.bin', DocumentMimeTypes.Pdf],
      ['policy.docx', DocumentMimeTypes.Docx],
      ['prices', DocumentMimeTypes.Xlsx],
      ['prices.csv', DocumentMimeTypes.Csv],
      ['returns.md', DocumentMimeTypes.Markdown],
      ['help.txt', DocumentMimeTypes.Html],
      ['hours.txt', DocumentMimeTypes.Text],
    ]);
    const bytesInOrder = Object.values(files);

    for (const [i, item] of res.body.items.entries()) {
      const bytes = bytesInOrder[i];
      expect(item).toMatchObject({
        sizeBytes: bytes.length,
        sha256: sha256(bytes),
        status: 'queued',
      });
      const key = `${workspaceId}/${item.sourceId}/${item.sha256}`;
      expect((await storage.get(key)).equals(bytes)).toBe(true);

      const source = await agent.get(`/api/v1/bots/${bot}/sources/${item.sourceId}`);
      expect(source.body).toMatchObject({
        type: 'document',
        name: item.filename,
        status: 'queued',
        progress: 0,
        error: null,
        stats: { pages: 0, chunks: 0, embedded: 0, reused: 0 },
      });
      const document = await agent.get(`/api/v1/bots/${bot}/documents/${item.documentId}`);
      expect(document.body).toMatchObject({
        sourceId: item.sourceId,
        mimeType: item.mimeType,
        sizeBytes: bytes.length,
        sha256: item.sha256,
        source: { status: 'queued', progress: 0, error: null },
      });

      expect(await jobsOfSource(gateway.app, item.sourceId)).toEqual([
        {
          workspaceId,
          botId: bot,
          sourceId: item.sourceId,
          kind: 'document',
          reason: 'created',
          document: {
            documentId: item.documentId,
            storageKey: key,
            filename: item.filename,
            mimeType: item.mimeType,
            sizeBytes: bytes.length,
          },
          traceId: expect.any(String),
        },
      ]);
    }
    expect(await storedFiles()).toBeGreaterThanOrEqual(7);
  });

  it('refuses the whole upload, naming the file, when one file is a disguised image', async () => {
    const bot = await newBot();
    const jobsBefore = (await queuedIngestJobs(gateway.app)).length;
    const filesBefore = await storedFiles();
    const res = await uploadFiles<ErrorBody>(admin, bot, [
      { name: 'fine.txt', bytes: 'All good here.' },
      { name: 'invoice.pdf', bytes: PNG_BYTES, type: 'application/pdf' },
    ]);
    expect(res.status).toBe(415);
    expect(res.body.message).toMatch(
      /^"invoice\.pdf" is a PNG image, not a supported document \(supported: .*\)\. Nothing was uploaded/,
    );
    expect(res.body.details).toEqual([
      { field: 'files', message: expect.stringMatching(/^"invoice\.pdf" is a PNG image/) },
    ]);
    expect(await sourcesOf(bot)).toBe(0);
    expect((await queuedIngestJobs(gateway.app)).length).toBe(jobsBefore);
    expect(await storedFiles()).toBe(filesBefore);
  });

  it('names an empty file with 400, and lists every refused file', async () => {
    const bot = await newBot();
    const empty = await uploadFiles<ErrorBody>(admin, bot, [
      { name: 'notes.txt', bytes: 'text' },
      { name: 'blank.md', bytes: '' },
    ]);
    expect([empty.status, empty.body.message]).toEqual([
      400,
      '"blank.md" is empty. Nothing was uploaded: fix or remove it and send the files again.',
    ]);
    const both = await uploadFiles<ErrorBody>(admin, bot, [
      { name: 'blank.md', bytes: '' },
      { name: 'ok.txt', bytes: 'fine' },
      { name: 'photo.docx', bytes: PNG_BYTES },
    ]);
    expect(both.status).toBe(415);
    expect(both.body.message).toMatch(
      /^2 files were refused: "blank\.md" is empty; "photo\.docx" is a PNG image/,
    );
    expect(both.body.details.map((d) => d.message.split('"')[1])).toEqual([
      'blank.md',
      'photo.docx',
    ]);
    expect(await sourcesOf(bot)).toBe(0);
  });

  it('refuses a file over the size limit with 413 naming it, and stores none of the others', async () => {
    const bot = await newBot();
    const filesBefore = await storedFiles();
    const res = await uploadFiles<ErrorBody>(admin, bot, [
      { name: 'small.txt', bytes: 'tiny' },
      { name: 'huge.txt', bytes: 'x'.repeat(MAX_BYTES + 1) },
      { name: 'after.txt', bytes: 'also tiny' },
    ]);
    expect(res.status).toBe(413);
    expect(res.body.message).toBe(
      '"huge.txt" is larger than the 64 KB upload limit. Nothing was uploaded: fix or remove it and send the files again.',
    );
    expect(await sourcesOf(bot)).toBe(0);
    expect(await storedFiles()).toBe(filesBefore);

    const exact = await uploadFiles<{ items: Uploaded[] }>(admin, bot, [
      { name: 'exact.txt', bytes: 'y'.repeat(MAX_BYTES) },
    ]);
    expect([exact.status, exact.body.items[0].sizeBytes]).toEqual([202, MAX_BYTES]);
  });

  it('refuses an upload over four times the file limit in total, storing nothing', async () => {
    const bot = await newBot();
    const filesBefore = await storedFiles();
    const res = await uploadFiles<ErrorBody>(
      admin,
      bot,
      Array.from({ length: 5 }, (_, i) => ({
        name: `part-${i}.txt`,
        bytes: 'z'.repeat(60 * 1024),
      })),
    );
    expect([res.status, res.body.message]).toEqual([
      413,
      'The upload is over 256 KB in total: send the files in several uploads. Nothing was uploaded: fix or remove it and send the files again.',
    ]);
    expect(await sourcesOf(bot)).toBe(0);
    expect(await storedFiles()).toBe(filesBefore);
  });

  it('keeps a UTF-8 file name and drops any directory part', async () => {
    const bot = await newBot();
    const res = await uploadFiles<{ items: Uploaded[] }>(admin, bot, [
      { name: 'Rückgabe – Richtlinie.md', bytes: '# Rückgabe' },
      { name: 'reports/2024/summary.txt', bytes: 'summary' },
    ]);
    expect(res.status).toBe(202);
    expect(res.body.items.map((i) => i.filename)).toEqual([
      'Rückgabe – Richtlinie.md',
      'summary.txt',
    ]);
  });

  it('asks for files when there are none, in the right field, and not too many', async () => {
    const bot = await newBot();
    const none = await admin.post<ErrorBody>(`/api/v1/bots/${bot}/documents`, {});
    expect([none.status, none.body.message]).toEqual([
      400,
      'Attach one or more files as multipart/form-data in the "files" field',
    ]);
    const wrongField = await uploadFiles<ErrorBody>(admin, bot, [
      { name: 'a.txt', bytes: 'a', field: 'file' },
    ]);
    expect([wrongField.status, wrongField.body.details]).toEqual([
      400,
      [{ field: 'files', message: 'is the only field files may be sent in' }],
    ]);
    const many = await uploadFiles<ErrorBody>(
      admin,
      bot,
      Array.from({ length: 21 }, (_, i) => ({ name: `${i}.txt`, bytes: `file ${i}` })),
    );
    expect([many.status, many.body.message]).toEqual([
      400,
      'At most 20 files can be uploaded at once. Nothing was uploaded.',
    ]);
    expect(await sourcesOf(bot)).toBe(0);
  });

  it('is for admins of the bot’s own workspace', async () => {
    const bot = await newBot();
    const file = [{ name: 'a.txt', bytes: 'hello' }];
    expect((await uploadFiles(agent, bot, file)).status).toBe(403);
    expect((await uploadFiles(new ApiClient(gateway.url), bot, file)).status).toBe(401);
    const stranger = await ApiClient.signUp(gateway.url);
    const foreign = await uploadFiles<ErrorBody>(stranger, bot, file);
    expect([foreign.status, foreign.body.message]).toEqual([404, 'Bot not found']);
    expect((await uploadFiles(owner, 'not-a-uuid', file)).status).toBe(404);
    expect(await sourcesOf(bot)).toBe(0);
    expect((await uploadFiles(owner, bot, file)).status).toBe(202);
  });
});

describe('uploading documents with S3 storage', () => {
  let s3: FakeS3;
  let gateway: BootedService;

  beforeAll(async () => {
    s3 = await FakeS3.start({ buckets: ['knowledge'] });
    gateway = await bootService(gatewayApiService, {
      STORAGE_DRIVER: 's3',
      S3_BUCKET: 'knowledge',
      S3_ENDPOINT: s3.endpoint,
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: FAKE_S3_ACCESS_KEY_ID,
      S3_SECRET_ACCESS_KEY: FAKE_S3_SECRET_ACCESS_KEY,
    });
  });
  afterAll(async () => {
    await gateway.close();
    await s3.close();
  });

  it('puts each accepted file in the bucket under its key, and nothing for a refused upload', async () => {
    const owner = await ApiClient.signUp(gateway.url);
    const workspaceId = owner.session!.workspaceId;
    const bot = await seedBot(gateway.app.get(TenantConnections), workspaceId);
    const pdf = await makePdf();
    const res = await uploadFiles<{ items: Uploaded[] }>(owner, bot, [
      { name: 'manual.pdf', bytes: pdf },
    ]);
    expect(res.status).toBe(202);
    const key = `${workspaceId}/${res.body.items[0].sourceId}/${sha256(pdf)}`;
    expect(s3.keys('knowledge')).toEqual([key]);
    expect(s3.object('knowledge', key)).toMatchObject({ contentType: DocumentMimeTypes.Pdf });
    expect(s3.object('knowledge', key)?.body.equals(pdf)).toBe(true);

    const refused = await uploadFiles(owner, bot, [
      { name: 'ok.txt', bytes: 'fine' },
      { name: 'logo.pdf', bytes: PNG_BYTES },
    ]);
    expect(refused.status).toBe(415);
    expect(s3.keys('knowledge')).toEqual([key]);
  });

  it('removes the files already stored when storing a later one fails', async () => {
    const owner = await ApiClient.signUp(gateway.url);
    const workspaceId = owner.session!.workspaceId;
    const tenants = gateway.app.get(TenantConnections);
    const bot = await seedBot(tenants, workspaceId);
    const second = Buffer.from('the second file');
    const stop = s3.failMatching(
      (request) => request.method === 'PUT' && request.key.endsWith(sha256(second)),
      403,
      'AccessDenied',
    );
    try {
      const res = await uploadFiles(owner, bot, [
        { name: 'first.txt', bytes: 'the first file' },
        { name: 'second.txt', bytes: second },
      ]);
      expect(res.status).toBe(500);
    } finally {
      stop();
    }
    expect(s3.keys('knowledge').filter((key) => key.startsWith(workspaceId))).toEqual([]);
    expect(
      s3.requests
        .filter((r) => r.key.startsWith(workspaceId))
        .map((r) => `${r.method} ${r.status}`),
    ).toEqual(['PUT 200', 'PUT 403', 'DELETE 204']);
    const { models } = await tenants.scope(workspaceId);
    expect(await models.KnowledgeSource.count({ where: { botId: bot } })).toBe(0);
  });
});
