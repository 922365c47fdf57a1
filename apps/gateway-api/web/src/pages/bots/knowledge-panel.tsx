import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { type KnowledgeSourceProgressEvent, ServerEvents } from '@cxgenie/contracts';
import { api, unwrap, uploadWithProgress } from '../../api/client';
import { messageOf } from '../../api/errors';
import type { Schemas, Source } from '../../api/types';
import {
  Badge,
  Button,
  Empty,
  FormError,
  QueryView,
  TextAreaField,
  TextField,
  fieldError,
} from '../../components/ui';
import { bytes, relativeTime } from '../../lib/format';
import { useSocketEvent } from '../../realtime/use-live';
import { useSession } from '../../session/use-session';

const sourcesKey = (workspaceId: string | undefined, botId: string) => [
  'sources',
  workspaceId,
  botId,
];

/** One file the person dropped: its upload, then its processing (from the source it became). */
interface FileUpload {
  key: string;
  name: string;
  size: number;
  uploaded: number;
  sourceId: string | null;
  error: string | null;
}

const STATUS_TONE: Record<Source['status'], string> = {
  queued: 'neutral',
  processing: 'info',
  ready: 'success',
  failed: 'danger',
};

function SourceProgress({ source }: { source: Pick<Source, 'status' | 'progress' | 'error'> }) {
  if (source.status === 'failed')
    return (
      <p className="field-error" data-testid="source-error">
        {source.error ?? 'Processing failed'}
      </p>
    );
  const label = source.status === 'ready' ? 'Ready' : `Processing: ${source.progress}% complete`;
  return (
    <div className="progress-row">
      <progress
        max={100}
        value={source.status === 'ready' ? 100 : source.progress}
        aria-label={label}
      />
      <span className="muted" data-testid="source-progress">
        {label}
      </span>
    </div>
  );
}

/**
 * Keeps the sources list live: the loader's progress arrives as `knowledge.source.progress` on the
 * agent socket and is written straight into the query cache; the list is refetched only when a
 * source it does not know appears.
 */
function useLiveSources(botId: string) {
  const session = useSession();
  const queryClient = useQueryClient();
  const key = sourcesKey(session?.workspaceId, botId);
  const sources = useQuery({
    queryKey: key,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/bots/{botId}/sources', {
          params: { path: { botId }, query: { limit: 100 } },
        }),
      ),
    // A safety net for a missed event; events do the real work.
    refetchInterval: (query) =>
      query.state.data?.items.some((s) => s.status === 'queued' || s.status === 'processing')
        ? 5_000
        : false,
  });
  useSocketEvent<KnowledgeSourceProgressEvent>(ServerEvents.KnowledgeSourceProgress, (event) => {
    if (event.botId !== botId) return;
    let known = false;
    queryClient.setQueryData<{ items: Source[]; nextCursor: string | null }>(key, (page) => {
      if (!page) return page;
      return {
        ...page,
        items: page.items.map((s) => {
          if (s.id !== event.sourceId) return s;
          known = true;
          return {
            ...s,
            status: event.status,
            progress: event.progress,
            stats: event.stats,
            error: event.error,
          };
        }),
      };
    });
    if (!known) void queryClient.invalidateQueries({ queryKey: key });
  });
  return sources;
}

function Dropzone({
  botId,
  sources,
  onUploaded,
}: {
  botId: string;
  sources: Source[] | undefined;
  onUploaded: () => void;
}) {
  const [uploads, setUploads] = useState<FileUpload[]>([]);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const update = (key: string, patch: Partial<FileUpload>) =>
    setUploads((all) => all.map((u) => (u.key === key ? { ...u, ...patch } : u)));

  // One request per file, so each has its own progress and its own error.
  const upload = useCallback(
    (files: FileList | File[]) => {
      for (const file of Array.from(files)) {
        const key = `${file.name}-${file.size}-${Math.random().toString(36).slice(2)}`;
        setUploads((all) => [
          ...all,
          { key, name: file.name, size: file.size, uploaded: 0, sourceId: null, error: null },
        ]);
        const form = new FormData();
        form.append('files', file, file.name);
        uploadWithProgress<Schemas['UploadDocumentsResponse']>(
          `/api/v1/bots/${botId}/documents`,
          form,
          (fraction) => update(key, { uploaded: fraction }),
        ).then(
          (result) => {
            update(key, { uploaded: 1, sourceId: result.items[0]?.sourceId ?? null });
            onUploaded();
          },
          (error: unknown) => update(key, { error: messageOf(error) }),
        );
      }
    },
    [botId, onUploaded],
  );

  return (
    <div>
      <div
        className={`dropzone ${dragging ? 'dragging' : ''}`}
        data-testid="dropzone"
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          upload(event.dataTransfer.files);
        }}
      >
        <p>Drop PDF, Word, Excel, CSV, HTML, Markdown or text files here</p>
        <Button onClick={() => input.current?.click()}>Choose files</Button>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          aria-label="Files to upload"
          data-testid="file-input"
          onChange={(event) => {
            if (event.target.files) upload(event.target.files);
            event.target.value = '';
          }}
        />
      </div>
      {uploads.length > 0 && (
        <ul className="uploads" aria-label="Uploads">
          {uploads.map((u) => (
            <li key={u.key} data-testid="upload-row" data-source-id={u.sourceId ?? ''}>
              <span className="upload-name">
                {u.name} <span className="muted">{bytes(u.size)}</span>
              </span>
              {u.error ? (
                <p className="field-error" role="alert" data-testid="upload-error">
                  {u.error}
                </p>
              ) : u.sourceId ? (
                <SourceProgress
                  source={
                    sources?.find((s) => s.id === u.sourceId) ?? {
                      status: 'queued',
                      progress: 0,
                      error: null,
                    }
                  }
                />
              ) : (
                <div className="progress-row">
                  <progress max={1} value={u.uploaded} aria-label={`Uploading ${u.name}`} />
                  <span className="muted">Uploading {Math.round(u.uploaded * 100)}%</span>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function WebsiteForm({ botId, onAdded }: { botId: string; onAdded: () => void }) {
  const add = useMutation({
    mutationFn: (body: Schemas['CreateWebsiteSourceDto']) =>
      unwrap(
        api.POST('/api/v1/bots/{botId}/sources/websites', { params: { path: { botId } }, body }),
      ),
    onSuccess: onAdded,
  });
  return (
    <form
      className="form inline-form"
      data-testid="website-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const f = new FormData(event.currentTarget);
        add.mutate({
          url: String(f.get('url')),
          maxPages: Number(f.get('maxPages')),
          maxDepth: Number(f.get('maxDepth')),
        });
      }}
    >
      <FormError error={add.error} />
      <TextField
        label="Website address"
        name="url"
        type="url"
        placeholder="https://help.example.com"
        error={fieldError(add.error, 'url')}
      />
      <div className="grid-2">
        <TextField
          label="Page limit"
          name="maxPages"
          type="number"
          defaultValue={50}
          error={fieldError(add.error, 'maxPages')}
        />
        <TextField
          label="Link depth"
          name="maxDepth"
          type="number"
          defaultValue={3}
          error={fieldError(add.error, 'maxDepth')}
        />
      </div>
      <Button type="submit" busy={add.isPending}>
        Crawl website
      </Button>
    </form>
  );
}

function FaqForm({ botId, onAdded }: { botId: string; onAdded: () => void }) {
  const add = useMutation({
    mutationFn: (body: Schemas['CreateFaqDto']) =>
      unwrap(api.POST('/api/v1/bots/{botId}/faqs', { params: { path: { botId } }, body })),
    onSuccess: onAdded,
  });
  return (
    <form
      className="form"
      data-testid="faq-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const f = new FormData(form);
        add.mutate(
          { question: String(f.get('question')), answer: String(f.get('answer')) },
          { onSuccess: () => form.reset() },
        );
      }}
    >
      <FormError error={add.error} />
      <TextField label="Question" name="question" error={fieldError(add.error, 'question')} />
      <TextAreaField
        label="Answer"
        name="answer"
        rows={3}
        error={fieldError(add.error, 'answer')}
      />
      <Button type="submit" busy={add.isPending}>
        Add FAQ
      </Button>
    </form>
  );
}

function SnippetForm({ botId, onAdded }: { botId: string; onAdded: () => void }) {
  const add = useMutation({
    mutationFn: (body: Schemas['CreateSnippetDto']) =>
      unwrap(api.POST('/api/v1/bots/{botId}/snippets', { params: { path: { botId } }, body })),
    onSuccess: onAdded,
  });
  return (
    <form
      className="form"
      data-testid="snippet-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const f = new FormData(form);
        add.mutate(
          { title: String(f.get('title')), content: String(f.get('content')) },
          { onSuccess: () => form.reset() },
        );
      }}
    >
      <FormError error={add.error} />
      <TextField label="Title" name="title" error={fieldError(add.error, 'title')} />
      <TextAreaField
        label="Text"
        name="content"
        rows={4}
        error={fieldError(add.error, 'content')}
      />
      <Button type="submit" busy={add.isPending}>
        Add snippet
      </Button>
    </form>
  );
}

function SourcesTable({
  botId,
  sources,
}: {
  botId: string;
  sources: ReturnType<typeof useLiveSources>;
}) {
  const queryClient = useQueryClient();
  const [actionError, setActionError] = useState<unknown>(null);
  const act = async (call: () => Promise<unknown>) => {
    setActionError(null);
    try {
      await call();
    } catch (error) {
      setActionError(error);
    }
    void queryClient.invalidateQueries({ queryKey: ['sources'] });
  };
  return (
    <QueryView query={sources} loadingLabel="Loading knowledge…">
      {(page) =>
        page.items.length === 0 ? (
          <Empty title="No knowledge yet">
            <p>Upload documents, crawl a website, or write FAQs and snippets above.</p>
          </Empty>
        ) : (
          <>
            <FormError error={actionError} />
            <div className="table-wrap">
              <table className="table" data-testid="sources-table">
                <caption className="sr-only">Knowledge sources</caption>
                <thead>
                  <tr>
                    <th scope="col">Source</th>
                    <th scope="col">Type</th>
                    <th scope="col">Status</th>
                    <th scope="col">Pages</th>
                    <th scope="col">Chunks</th>
                    <th scope="col">Updated</th>
                    <th scope="col">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((s) => (
                    <tr
                      key={s.id}
                      data-testid="source-row"
                      data-source-id={s.id}
                      data-status={s.status}
                    >
                      <td>
                        {s.name}
                        {s.status !== 'ready' && <SourceProgress source={s} />}
                      </td>
                      <td>{s.type}</td>
                      <td>
                        <Badge tone={STATUS_TONE[s.status]}>{s.status}</Badge>
                      </td>
                      <td>{s.stats.pages}</td>
                      <td>{s.stats.chunks}</td>
                      <td>{relativeTime(s.updatedAt)}</td>
                      <td className="row-actions">
                        {(s.type === 'document' || s.type === 'website') && (
                          <Button
                            variant="ghost"
                            onClick={() =>
                              act(() =>
                                unwrap(
                                  s.type === 'website'
                                    ? api.POST('/api/v1/bots/{botId}/sources/{id}/recrawl', {
                                        params: { path: { botId, id: s.id } },
                                      })
                                    : api.POST('/api/v1/bots/{botId}/sources/{id}/reprocess', {
                                        params: { path: { botId, id: s.id } },
                                      }),
                                ),
                              )
                            }
                          >
                            {s.type === 'website' ? 'Recrawl' : 'Reprocess'}
                            <span className="sr-only"> {s.name}</span>
                          </Button>
                        )}
                        <Button
                          variant="danger"
                          onClick={() => {
                            if (
                              window.confirm(`Delete “${s.name}” and everything indexed from it?`)
                            )
                              void act(() =>
                                unwrap(
                                  api.DELETE('/api/v1/bots/{botId}/sources/{id}', {
                                    params: { path: { botId, id: s.id } },
                                  }),
                                ),
                              );
                          }}
                        >
                          Delete<span className="sr-only"> {s.name}</span>
                        </Button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )
      }
    </QueryView>
  );
}

function KnowledgeSearch({ botId }: { botId: string }) {
  const search = useMutation({
    mutationFn: (query: string) =>
      unwrap(
        api.POST('/api/v1/bots/{botId}/knowledge-search', {
          params: { path: { botId } },
          body: { query },
        }),
      ),
  });
  return (
    <section aria-labelledby="search-title" className="card">
      <h2 id="search-title">Search the knowledge</h2>
      <form
        className="inline-form"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          const query = String(new FormData(event.currentTarget).get('query')).trim();
          if (query) search.mutate(query);
        }}
      >
        <TextField label="Search for" name="query" placeholder="refund delay" />
        <Button type="submit" busy={search.isPending}>
          Search
        </Button>
      </form>
      <FormError error={search.error} />
      {search.data &&
        (search.data.items.length === 0 ? (
          <Empty title="Nothing found" />
        ) : (
          <ol className="hits" data-testid="search-results">
            {search.data.items.map((hit) => (
              <li key={hit.chunkId} data-testid="search-hit">
                <strong>{hit.title}</strong> <Badge>{hit.partition}</Badge>{' '}
                <span className="muted">score {hit.score.toFixed(3)}</span>
                <p>{hit.text}</p>
              </li>
            ))}
          </ol>
        ))}
    </section>
  );
}

/** Everything a bot knows and how to add more. */
export function KnowledgePanel({ botId, compact = false }: { botId: string; compact?: boolean }) {
  const session = useSession();
  const queryClient = useQueryClient();
  const sources = useLiveSources(botId);
  const refresh = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: sourcesKey(session?.workspaceId, botId) }),
    [queryClient, session?.workspaceId, botId],
  );
  return (
    <div className="stack">
      <section className="card" aria-labelledby="upload-title">
        <h2 id="upload-title">Documents</h2>
        <Dropzone botId={botId} sources={sources.data?.items} onUploaded={refresh} />
      </section>
      <div className="grid-2">
        <section className="card" aria-labelledby="faq-title">
          <h2 id="faq-title">FAQ</h2>
          <FaqForm botId={botId} onAdded={refresh} />
        </section>
        <section className="card" aria-labelledby="snippet-title">
          <h2 id="snippet-title">Snippet</h2>
          <SnippetForm botId={botId} onAdded={refresh} />
        </section>
      </div>
      <section className="card" aria-labelledby="website-title">
        <h2 id="website-title">Website</h2>
        <WebsiteForm botId={botId} onAdded={refresh} />
      </section>
      <section aria-labelledby="sources-title">
        <h2 id="sources-title">Sources</h2>
        <SourcesTable botId={botId} sources={sources} />
      </section>
      {!compact && <KnowledgeSearch botId={botId} />}
    </div>
  );
}
