import {
  Server,
  ServerCredentials,
  type ServerUnaryCall,
  type ServiceDefinition,
  type UntypedServiceImplementation,
  type sendUnaryData,
  status as grpcStatus,
} from '@grpc/grpc-js';
import { FakeCollection, FakeMilvusError, countFieldData } from './fake-collection';
import { FilterExpressionError } from './filter-expression';
import {
  CLIENT_TELEMETRY_SERVICE,
  MILVUS_SERVICE,
  type WireFieldData,
  type WireKeyValue,
  type WireStatus,
  decodeCollectionSchema,
  decodeFloatPlaceholders,
  keyValue,
} from './milvus-wire';

export interface FakeMilvusCollectionView {
  name: string;
  consistencyLevel: string;
  partitionKey: string | null;
  numPartitions: number;
  loadState: string;
  fields: {
    name: string;
    dataType: string;
    isPrimaryKey: boolean;
    maxLength: number | null;
    dim: number | null;
  }[];
  indexes: { indexName: string; fieldName: string; params: Record<string, string> }[];
  /** Stored rows (Int64 as numbers, vectors as number[]), each with the partition it hashed to. */
  rows: (Record<string, unknown> & { $partition: number })[];
}

export interface FakeMilvus {
  /** `127.0.0.1:<port>`, for `new MilvusClient({ address })`. */
  address: string;
  stop(): Promise<void>;
  collections(): FakeMilvusCollectionView[];
  /** Every RPC received, in order (method names, e.g. `CreateCollection`). */
  calls(): string[];
  /** RPCs the SDK made that the fake does not serve: a test of new adapter code should check it. */
  unimplementedCalls(): string[];
}

export interface FakeMilvusOptions {
  /** How long a collection stays `LoadStateLoading` after LoadCollection, like a real load. */
  loadDelayMs?: number;
}

type Handler = (request: never) => object;

interface CollectionRequest {
  collection_name: string;
}

const ok = (): WireStatus => ({ error_code: 'Success', code: 0, reason: '' });
const failure = (error: FakeMilvusError): WireStatus => ({
  error_code: error.errorCode,
  code: error.code,
  reason: error.message,
});

// These RPCs answer with a bare common.Status; every other one wraps it in `status`.
const STATUS_ONLY_METHODS = new Set(['CreateCollection', 'CreateIndex', 'LoadCollection']);
const METRICS = new Set(['COSINE', 'IP', 'L2']);
const VECTOR_INDEX_TYPES = new Set([
  'AUTOINDEX',
  'FLAT',
  'HNSW',
  'IVF_FLAT',
  'IVF_SQ8',
  'IVF_PQ',
  'DISKANN',
]);
const SCALAR_INDEX_TYPES = new Set(['AUTOINDEX', 'INVERTED', 'STL_SORT', 'TRIE', 'BITMAP']);
const COLLECTION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,254}$/;
const MAX_TOP_K = 16_384;

const illegal = (message: string): FakeMilvusError =>
  new FakeMilvusError('IllegalArgument', 1100, message);

/**
 * An in-memory Milvus speaking the real gRPC protocol (the descriptors the SDK ships), for driving
 * the real `MilvusClient` in tests. It serves the RPCs the knowledge store uses: collection, index
 * and load lifecycle, upsert, delete by expression, exact search and count queries.
 */
export async function startFakeMilvusServer(options: FakeMilvusOptions = {}): Promise<FakeMilvus> {
  const loadDelayMs = options.loadDelayMs ?? 5;
  const collections = new Map<string, FakeCollection>();
  const received: string[] = [];
  const unimplemented: string[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let nextId = 1;

  const collectionNamed = (name: string): FakeCollection => {
    const collection = collections.get(name);
    if (!collection)
      throw new FakeMilvusError(
        'CollectionNotExists',
        100,
        `can't find collection[database=default][collection=${name}]`,
      );
    return collection;
  };

  const handlers: Record<string, Handler> = {
    Connect: () => ({
      status: ok(),
      server_info: { build_tags: 'cxgenie-fake-milvus', deploy_mode: 'STANDALONE', reserved: {} },
      identifier: String(nextId++),
    }),
    CheckHealth: () => ({ status: ok(), isHealthy: true, reasons: [], quota_states: [] }),
    GetVersion: () => ({ status: ok(), version: 'v2.5.0-fake' }),

    CreateCollection: (
      request: CollectionRequest & {
        schema: Uint8Array;
        consistency_level: string;
        num_partitions: string;
      },
    ) => {
      if (!COLLECTION_NAME.test(request.collection_name))
        throw illegal(`Invalid collection name: ${request.collection_name}`);
      const schema = decodeCollectionSchema(request.schema);
      const existing = collections.get(request.collection_name);
      if (existing) {
        if (existing.sameSchemaAs(schema)) return ok();
        throw new FakeMilvusError(
          'UnexpectedError',
          65535,
          'collection already exists with a different schema',
        );
      }
      const collection = new FakeCollection(
        request.collection_name,
        nextId++,
        schema,
        request.consistency_level,
        Number(request.num_partitions),
        Date.now(),
      );
      collections.set(collection.name, collection);
      return ok();
    },

    DescribeCollection: (request: CollectionRequest) => {
      const collection = collectionNamed(request.collection_name);
      const timestamp = String(collection.createdAt);
      return {
        status: ok(),
        schema: {
          ...collection.schema,
          fields: collection.schema.fields.map((field, index) => ({
            ...field,
            fieldID: String(100 + index),
          })),
        },
        collectionID: String(collection.collectionId),
        collection_name: collection.name,
        consistency_level: collection.consistencyLevel,
        num_partitions: String(collection.numPartitions),
        shards_num: 1,
        aliases: [],
        properties: [],
        db_name: 'default',
        virtual_channel_names: [`${collection.name}_v0`],
        physical_channel_names: ['dml_0'],
        created_timestamp: timestamp,
        created_utc_timestamp: timestamp,
        update_timestamp: timestamp,
        update_timestamp_str: timestamp,
      };
    },

    CreateIndex: (
      request: CollectionRequest & {
        field_name: string;
        index_name: string;
        extra_params: WireKeyValue[];
      },
    ) => {
      const collection = collectionNamed(request.collection_name);
      const field = collection.field(request.field_name);
      const isVector = field.dim !== null;
      const indexType = keyValue(request.extra_params, 'index_type') ?? 'AUTOINDEX';
      const params = request.extra_params.filter((pair) => pair.key !== 'metric_type');
      if (isVector) {
        const metric = keyValue(request.extra_params, 'metric_type') ?? 'COSINE';
        if (!METRICS.has(metric)) throw illegal(`metric type ${metric} not found or not supported`);
        if (!VECTOR_INDEX_TYPES.has(indexType)) throw illegal(`invalid index type: ${indexType}`);
        params.push({ key: 'metric_type', value: metric });
      } else if (!SCALAR_INDEX_TYPES.has(indexType)) {
        throw illegal(`invalid index type ${indexType} for scalar field ${field.name}`);
      }
      const existing = collection.indexes.find((index) => index.fieldName === field.name);
      if (existing) {
        const same = JSON.stringify(existing.params) === JSON.stringify(params);
        if (same) return ok();
        throw illegal('at most one distinct index is allowed per field');
      }
      collection.indexes.push({
        indexId: nextId++,
        indexName: request.index_name || field.name,
        fieldName: field.name,
        params,
      });
      return ok();
    },

    DescribeIndex: (request: CollectionRequest & { field_name: string; index_name: string }) => {
      const collection = collectionNamed(request.collection_name);
      const matches = collection.indexes.filter(
        (index) =>
          (!request.field_name || index.fieldName === request.field_name) &&
          (!request.index_name || index.indexName === request.index_name),
      );
      if (matches.length === 0)
        throw new FakeMilvusError(
          'IndexNotExist',
          700,
          `index not found[collection=${collection.name}]`,
        );
      const rows = String(collection.rows.size);
      return {
        status: ok(),
        index_descriptions: matches.map((index) => ({
          index_name: index.indexName,
          indexID: String(index.indexId),
          params: index.params,
          field_name: index.fieldName,
          indexed_rows: rows,
          total_rows: rows,
          state: 'Finished',
          index_state_fail_reason: '',
          pending_index_rows: '0',
        })),
      };
    },

    LoadCollection: (request: CollectionRequest) => {
      const collection = collectionNamed(request.collection_name);
      for (const field of collection.fields)
        if (
          field.dim !== null &&
          !collection.indexes.some((index) => index.fieldName === field.name)
        )
          throw new FakeMilvusError(
            'UnexpectedError',
            700,
            `there is no vector index on field: [${field.name}], please create index firstly`,
          );
      if (collection.loadState === 'LoadStateNotLoad') {
        collection.loadState = 'LoadStateLoading';
        const timer = setTimeout(() => {
          timers.delete(timer);
          collection.loadState = 'LoadStateLoaded';
        }, loadDelayMs);
        timer.unref();
        timers.add(timer);
      }
      return ok();
    },

    GetLoadState: (request: CollectionRequest) => ({
      status: ok(),
      state: collectionNamed(request.collection_name).loadState,
    }),

    Upsert: (
      request: CollectionRequest & {
        partition_name: string;
        fields_data: WireFieldData[];
        num_rows: number;
        partial_update: boolean;
      },
    ) => {
      const collection = collectionNamed(request.collection_name);
      collection.rejectManualPartition([request.partition_name]);
      if (request.partial_update) throw illegal('the fake does not support partial updates');
      const ids = collection.upsert(request.fields_data, request.num_rows);
      return {
        status: ok(),
        IDs: { str_id: { data: ids } },
        succ_index: ids.map((_, index) => index),
        err_index: [],
        insert_cnt: String(ids.length),
        upsert_cnt: String(ids.length),
        delete_cnt: '0',
        timestamp: String(Date.now()),
      };
    },

    Delete: (request: CollectionRequest & { partition_name: string; expr: string }) => {
      const collection = collectionNamed(request.collection_name);
      collection.rejectManualPartition([request.partition_name]);
      // Deleting by an arbitrary expression reads the data first, so Milvus wants it loaded.
      collection.requireLoaded();
      const deleted = collection.delete(request.expr);
      return {
        status: ok(),
        IDs: { str_id: { data: [] } },
        delete_cnt: String(deleted),
        timestamp: String(Date.now()),
      };
    },

    Search: (
      request: CollectionRequest & {
        partition_names: string[];
        dsl: string;
        placeholder_group: Uint8Array;
        output_fields: string[];
        search_params: WireKeyValue[];
        nq: string;
        expr_template_values: Record<string, unknown>;
      },
    ) => {
      const collection = collectionNamed(request.collection_name);
      collection.requireLoaded();
      collection.rejectManualPartition(request.partition_names);
      if (Object.keys(request.expr_template_values ?? {}).length > 0)
        throw illegal('the fake does not support expression templates');
      const params = request.search_params;
      const vectorFields = collection.fields.filter((field) => field.dim !== null);
      const annsField = keyValue(params, 'anns_field') || vectorFields[0]?.name;
      const field = collection.field(annsField);
      if (field.dim === null) throw illegal(`field ${annsField} is not a vector field`);
      const index = collection.indexes.find((candidate) => candidate.fieldName === field.name);
      const indexMetric = index ? keyValue(index.params, 'metric_type') : undefined;
      const metric = keyValue(params, 'metric_type') || indexMetric || 'COSINE';
      if (indexMetric && metric !== indexMetric)
        throw illegal(
          `metric type not match: invalid parameter[expected=${indexMetric}][actual=${metric}]`,
        );
      const topK = Number(keyValue(params, 'topk'));
      if (!Number.isInteger(topK) || topK < 1 || topK > MAX_TOP_K)
        throw illegal(
          `topk [${keyValue(params, 'topk')}] is invalid, it should be in range [1, ${MAX_TOP_K}]`,
        );
      const offset = Number(keyValue(params, 'offset') ?? 0);
      const queries = decodeFloatPlaceholders(request.placeholder_group, field.dim);
      if (queries.length !== Number(request.nq))
        throw illegal(`nq (${request.nq}) does not match the ${queries.length} query vectors`);
      const results = collection.search(field.name, queries, metric, topK, offset, request.dsl);
      const hits = results.flat();
      const outputFields = collection.resolveOutputFields(request.output_fields, false);
      return {
        status: ok(),
        collection_name: collection.name,
        results: {
          num_queries: String(queries.length),
          top_k: String(topK),
          fields_data: outputFields.map((name) =>
            collection.fieldData(
              name,
              hits.map((hit) => hit.row),
            ),
          ),
          scores: hits.map((hit) => hit.score),
          ids: { str_id: { data: hits.map((hit) => hit.pk) } },
          topks: results.map((perQuery) => String(perQuery.length)),
          output_fields: outputFields,
          primary_field_name: collection.primaryKey.name,
        },
      };
    },

    Query: (
      request: CollectionRequest & {
        partition_names: string[];
        expr: string;
        output_fields: string[];
        query_params: WireKeyValue[];
      },
    ) => {
      const collection = collectionNamed(request.collection_name);
      collection.requireLoaded();
      collection.rejectManualPartition(request.partition_names);
      if (FakeCollection.isCountQuery(request.output_fields)) {
        if (request.output_fields.length !== 1)
          throw illegal('count entities with pagination or other output fields is not allowed');
        return {
          status: ok(),
          collection_name: collection.name,
          fields_data: [countFieldData(collection.count(request.expr))],
          output_fields: ['count(*)'],
        };
      }
      const limit = keyValue(request.query_params, 'limit');
      const offset = Number(keyValue(request.query_params, 'offset') ?? 0);
      const matches = collection.query(
        request.expr,
        limit === undefined ? null : Number(limit),
        offset,
      );
      const rows = matches.map(([, row]) => row);
      const outputFields = collection.resolveOutputFields(request.output_fields, true);
      return {
        status: ok(),
        collection_name: collection.name,
        fields_data: outputFields.map((name) => collection.fieldData(name, rows)),
        output_fields: outputFields,
        primary_field_name: collection.primaryKey.name,
      };
    },
  };

  const serve =
    (method: string, handler: Handler) =>
    (call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>): void => {
      received.push(method);
      try {
        callback(null, handler(call.request as never));
      } catch (error) {
        const refusal =
          error instanceof FakeMilvusError
            ? error
            : error instanceof FilterExpressionError
              ? illegal(`failed to create query plan: cannot parse expression: ${error.message}`)
              : new FakeMilvusError('UnexpectedError', 65535, (error as Error).message);
        const status = failure(refusal);
        callback(null, STATUS_ONLY_METHODS.has(method) ? status : { status });
      }
    };

  const implement = (
    service: ServiceDefinition,
    implemented: Record<string, Handler>,
  ): UntypedServiceImplementation => {
    const implementation: UntypedServiceImplementation = {};
    for (const [method, definition] of Object.entries(service)) {
      // Streaming RPCs are left to grpc-js, which answers them UNIMPLEMENTED itself.
      if (definition.requestStream || definition.responseStream) continue;
      const handler = implemented[method];
      implementation[method] = handler
        ? serve(method, handler)
        : (_call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) => {
            received.push(method);
            unimplemented.push(method);
            callback({
              code: grpcStatus.UNIMPLEMENTED,
              details: `the fake Milvus does not implement ${method}`,
            });
          };
    }
    return implementation;
  };

  const server = new Server();
  server.addService(MILVUS_SERVICE, implement(MILVUS_SERVICE, handlers));
  server.addService(
    CLIENT_TELEMETRY_SERVICE,
    implement(CLIENT_TELEMETRY_SERVICE, {
      // The SDK heartbeats its metrics once connected; an empty command list acknowledges them.
      ClientHeartbeat: () => ({ status: ok(), server_timestamp: String(Date.now()), commands: [] }),
    }),
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );

  return {
    address: `127.0.0.1:${port}`,
    stop: async () => {
      timers.forEach(clearTimeout);
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 2_000);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      });
    },
    collections: () => [...collections.values()].map(viewOf),
    calls: () => [...received],
    unimplementedCalls: () => [...unimplemented],
  };
}

function viewOf(collection: FakeCollection): FakeMilvusCollectionView {
  return {
    name: collection.name,
    consistencyLevel: collection.consistencyLevel,
    partitionKey: collection.partitionKey?.name ?? null,
    numPartitions: collection.numPartitions,
    loadState: collection.loadState,
    fields: collection.fields.map(({ name, dataType, isPrimaryKey, maxLength, dim }) => ({
      name,
      dataType,
      isPrimaryKey,
      maxLength,
      dim,
    })),
    indexes: collection.indexes.map((index) => ({
      indexName: index.indexName,
      fieldName: index.fieldName,
      params: Object.fromEntries(index.params.map((pair) => [pair.key, pair.value])),
    })),
    rows: [...collection.rows.values()].map((row) => ({
      ...collection.snapshotRow(row),
      $partition: collection.partitionOf(row),
    })),
  };
}
