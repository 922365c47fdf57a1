import { type FieldKind, type ScalarValue, compileFilter } from './filter-expression';
import {
  type WireCollectionSchema,
  type WireFieldData,
  type WireFieldSchema,
  type WireKeyValue,
  keyValue,
} from './milvus-wire';

/** A refusal the server reports in a response status, as Milvus does (not as a gRPC error). */
export class FakeMilvusError extends Error {
  constructor(
    readonly errorCode: string,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const illegal = (message: string): FakeMilvusError =>
  new FakeMilvusError('IllegalArgument', 1100, message);

export interface FakeField {
  name: string;
  dataType: string;
  isPrimaryKey: boolean;
  isPartitionKey: boolean;
  autoID: boolean;
  maxLength: number | null;
  dim: number | null;
}

export interface FakeIndex {
  indexId: number;
  indexName: string;
  fieldName: string;
  params: WireKeyValue[];
}

interface StoredRow {
  scalars: Map<string, ScalarValue>;
  vectors: Map<string, Float32Array>;
}

export interface SearchHit {
  pk: string;
  score: number;
  row: StoredRow;
}

export type LoadState = 'LoadStateNotLoad' | 'LoadStateLoading' | 'LoadStateLoaded';

const VECTOR_TYPES = new Set(['FloatVector']);
const SCALAR_KINDS: Record<string, FieldKind> = {
  VarChar: 'string',
  String: 'string',
  Int8: 'integer',
  Int16: 'integer',
  Int32: 'integer',
  Int64: 'integer',
  Float: 'float',
  Double: 'float',
  Bool: 'bool',
};
const DEFAULT_PARTITION_KEY_PARTITIONS = 16;
const COUNT_FIELD = 'count(*)';

const numericParam = (params: readonly WireKeyValue[], key: string): number | null => {
  const value = keyValue(params, key);
  return value === undefined ? null : Number(value);
};

function toFakeField(field: WireFieldSchema): FakeField {
  if (!VECTOR_TYPES.has(field.data_type) && !SCALAR_KINDS[field.data_type])
    throw illegal(`the fake does not support field type ${field.data_type} (${field.name})`);
  const fake: FakeField = {
    name: field.name,
    dataType: field.data_type,
    isPrimaryKey: field.is_primary_key,
    isPartitionKey: field.is_partition_key,
    autoID: field.autoID,
    maxLength: numericParam(field.type_params, 'max_length'),
    dim: numericParam(field.type_params, 'dim'),
  };
  if (
    fake.dataType === 'VarChar' &&
    !(fake.maxLength && fake.maxLength > 0 && fake.maxLength <= 65_535)
  )
    throw illegal(`type param(max_length) should be specified for varChar field(${fake.name})`);
  if (VECTOR_TYPES.has(fake.dataType) && !(fake.dim && fake.dim > 0 && fake.dim <= 32_768))
    throw illegal(`dimension is not defined in field type params of ${fake.name}`);
  if (fake.isPartitionKey && !['VarChar', 'Int64'].includes(fake.dataType))
    throw illegal('the data type of the partition key should be Int64 or VarChar');
  return fake;
}

/** One collection of the fake server: schema, rows by primary key, indexes and load state. */
export class FakeCollection {
  readonly fields: FakeField[];
  readonly primaryKey: FakeField;
  readonly partitionKey: FakeField | null;
  readonly numPartitions: number;
  readonly rows = new Map<string, StoredRow>();
  readonly indexes: FakeIndex[] = [];
  loadState: LoadState = 'LoadStateNotLoad';
  private readonly filterFields: Map<string, FieldKind>;

  constructor(
    readonly name: string,
    readonly collectionId: number,
    readonly schema: WireCollectionSchema,
    readonly consistencyLevel: string,
    requestedPartitions: number,
    readonly createdAt: number,
  ) {
    if (schema.enable_dynamic_field) throw illegal('the fake does not support dynamic fields');
    this.fields = schema.fields.map(toFakeField);
    const primaryKeys = this.fields.filter((field) => field.isPrimaryKey);
    if (primaryKeys.length !== 1) throw illegal('there should be exactly one primary key field');
    this.primaryKey = primaryKeys[0];
    const partitionKeys = this.fields.filter((field) => field.isPartitionKey);
    if (partitionKeys.length > 1) throw illegal('there are more than one partition key');
    this.partitionKey = partitionKeys[0] ?? null;
    this.numPartitions = this.partitionKey
      ? requestedPartitions || DEFAULT_PARTITION_KEY_PARTITIONS
      : 1;
    if (!this.fields.some((field) => VECTOR_TYPES.has(field.dataType)))
      throw illegal('schema does not contain vector field');
    this.filterFields = new Map(
      this.fields
        .filter((field) => SCALAR_KINDS[field.dataType])
        .map((field) => [field.name, SCALAR_KINDS[field.dataType]]),
    );
  }

  sameSchemaAs(other: WireCollectionSchema): boolean {
    const fieldsOf = (schema: WireCollectionSchema) =>
      JSON.stringify(schema.fields.map((field) => toFakeField(field)));
    return fieldsOf(this.schema) === fieldsOf(other);
  }

  field(name: string): FakeField {
    const field = this.fields.find((candidate) => candidate.name === name);
    if (!field) throw illegal(`field ${name} not exist`);
    return field;
  }

  /** Milvus hashes partition-key values into the collection's partitions itself. */
  partitionOf(row: StoredRow): number {
    if (!this.partitionKey) return 0;
    const key = String(row.scalars.get(this.partitionKey.name));
    let hash = 0;
    for (const char of key) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
    return hash % this.numPartitions;
  }

  rejectManualPartition(partitionNames: readonly string[]): void {
    if (this.partitionKey && partitionNames.some((name) => name !== ''))
      throw illegal(
        'not support manually specifying the partition names if partition key mode is used',
      );
  }

  requireLoaded(): void {
    if (this.loadState !== 'LoadStateLoaded')
      throw new FakeMilvusError(
        'UnexpectedError',
        101,
        `collection not loaded[collection=${this.name}]`,
      );
  }

  upsert(fieldsData: readonly WireFieldData[], numRows: number): string[] {
    const columns = new Map(fieldsData.map((data) => [data.field_name, data]));
    for (const name of columns.keys()) this.field(name);
    const rows: StoredRow[] = Array.from({ length: numRows }, () => ({
      scalars: new Map(),
      vectors: new Map(),
    }));
    for (const field of this.fields) {
      const column = columns.get(field.name);
      if (!column)
        throw illegal(`fieldSchema(${field.name}) has no corresponding fieldData pass in`);
      if (VECTOR_TYPES.has(field.dataType)) this.readVectors(field, column, rows);
      else this.readScalars(field, column, rows);
    }
    const pks = rows.map((row) => String(row.scalars.get(this.primaryKey.name)));
    if (new Set(pks).size !== pks.length)
      throw illegal('duplicate primary keys are not allowed in the same batch');
    rows.forEach((row, index) => this.rows.set(pks[index], row));
    return pks;
  }

  private readVectors(field: FakeField, column: WireFieldData, rows: StoredRow[]): void {
    const dim = field.dim as number;
    const values = column.vectors?.float_vector?.data;
    if (!values) throw illegal(`field ${field.name} expects FloatVector data`);
    if (Number(column.vectors?.dim) !== dim || values.length !== rows.length * dim)
      throw illegal(
        `the dim (${values.length / Math.max(rows.length, 1)}) of field data(${field.name}) is not equal to schema dim (${dim})`,
      );
    rows.forEach((row, index) =>
      row.vectors.set(field.name, Float32Array.from(values.slice(index * dim, (index + 1) * dim))),
    );
  }

  private readScalars(field: FakeField, column: WireFieldData, rows: StoredRow[]): void {
    const values = scalarValues(field, column);
    if (values.length !== rows.length)
      throw illegal(
        `the num_rows (${rows.length}) of field (${field.name}) is not equal to passed num_rows`,
      );
    values.forEach((value, index) => {
      if (
        typeof value === 'string' &&
        field.maxLength !== null &&
        Buffer.byteLength(value, 'utf8') > field.maxLength
      )
        throw illegal(
          `length of varchar field ${field.name} exceeds max length, row number: ${index}, length: ${Buffer.byteLength(value, 'utf8')}, max length: ${field.maxLength}`,
        );
      rows[index].scalars.set(field.name, value);
    });
  }

  delete(expression: string): number {
    if (expression.trim() === '') throw illegal('delete plan can not be empty');
    const predicate = compileFilter(expression, this.filterFields);
    let deleted = 0;
    for (const [pk, row] of this.rows)
      if (predicate(row.scalars)) {
        this.rows.delete(pk);
        deleted += 1;
      }
    return deleted;
  }

  /** Exact (brute-force) k-NN with the metric of the field's index, filtered first. */
  search(
    annsField: string,
    queries: readonly Float32Array[],
    metric: string,
    topK: number,
    offset: number,
    expression: string,
  ): SearchHit[][] {
    const predicate = compileFilter(expression, this.filterFields);
    const candidates = [...this.rows].filter(([, row]) => predicate(row.scalars));
    return queries.map((query) => {
      const scored = candidates.map(([pk, row]) => ({
        pk,
        row,
        score: similarity(metric, query, row.vectors.get(annsField) as Float32Array),
      }));
      // L2 is a distance (smaller is closer); COSINE and IP are similarities.
      scored.sort((a, b) => (metric === 'L2' ? a.score - b.score : b.score - a.score));
      return scored.slice(offset, offset + topK);
    });
  }

  query(expression: string, limit: number | null, offset: number): [string, StoredRow][] {
    if (expression.trim() === '' && limit === null)
      throw illegal('empty expression should be used with limit');
    const predicate = compileFilter(expression, this.filterFields);
    const matches = [...this.rows].filter(([, row]) => predicate(row.scalars));
    return matches.slice(offset, limit === null ? undefined : offset + limit);
  }

  count(expression: string): number {
    const predicate = compileFilter(expression, this.filterFields);
    let count = 0;
    for (const row of this.rows.values()) if (predicate(row.scalars)) count += 1;
    return count;
  }

  /** `*` means every field; the primary key is always part of a query's output. */
  resolveOutputFields(requested: readonly string[], includePrimaryKey: boolean): string[] {
    const names = requested.flatMap((name) =>
      name === '*' ? this.fields.map((field) => field.name) : [name],
    );
    if (includePrimaryKey) names.unshift(this.primaryKey.name);
    const unique = [...new Set(names)];
    unique.forEach((name) => this.field(name));
    return unique;
  }

  static isCountQuery(outputFields: readonly string[]): boolean {
    return outputFields.some((name) => name.toLowerCase() === COUNT_FIELD);
  }

  fieldData(name: string, rows: readonly StoredRow[]): object {
    const field = this.field(name);
    if (VECTOR_TYPES.has(field.dataType))
      return {
        type: field.dataType,
        field_name: name,
        vectors: {
          dim: String(field.dim),
          float_vector: { data: rows.flatMap((row) => Array.from(row.vectors.get(name) ?? [])) },
        },
      };
    const values = rows.map((row) => row.scalars.get(name) as ScalarValue);
    return { type: field.dataType, field_name: name, scalars: encodeScalars(field, values) };
  }

  snapshotRow(row: StoredRow): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [name, value] of row.scalars)
      out[name] = typeof value === 'bigint' ? Number(value) : value;
    for (const [name, vector] of row.vectors) out[name] = Array.from(vector);
    return out;
  }
}

export const countFieldData = (count: number): object => ({
  type: 'Int64',
  field_name: COUNT_FIELD,
  scalars: { long_data: { data: [String(count)] } },
});

function scalarValues(field: FakeField, column: WireFieldData): ScalarValue[] {
  const scalars = column.scalars;
  const wrong = () => illegal(`field ${field.name} got data of the wrong type (${column.type})`);
  if (!scalars) throw wrong();
  switch (field.dataType) {
    case 'VarChar':
    case 'String':
      if (!scalars.string_data) throw wrong();
      return scalars.string_data.data;
    case 'Int64':
      if (!scalars.long_data) throw wrong();
      return scalars.long_data.data.map((value) => BigInt(value));
    case 'Int32':
    case 'Int16':
    case 'Int8':
      if (!scalars.int_data) throw wrong();
      return scalars.int_data.data.map((value) => BigInt(value));
    case 'Float':
      if (!scalars.float_data) throw wrong();
      return scalars.float_data.data;
    case 'Double':
      if (!scalars.double_data) throw wrong();
      return scalars.double_data.data;
    case 'Bool':
      if (!scalars.bool_data) throw wrong();
      return scalars.bool_data.data;
    default:
      throw wrong();
  }
}

function encodeScalars(field: FakeField, values: ScalarValue[]): object {
  switch (field.dataType) {
    case 'VarChar':
    case 'String':
      return { string_data: { data: values } };
    case 'Int64':
      return { long_data: { data: values.map(String) } };
    case 'Int32':
    case 'Int16':
    case 'Int8':
      return { int_data: { data: values.map(Number) } };
    case 'Float':
      return { float_data: { data: values } };
    case 'Double':
      return { double_data: { data: values } };
    default:
      return { bool_data: { data: values } };
  }
}

function similarity(metric: string, a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  let squaredDistance = 0;
  for (let i = 0; i < a.length; i += 1) {
    dot += a[i] * b[i];
    normA += a[i] * a[i];
    normB += b[i] * b[i];
    squaredDistance += (a[i] - b[i]) ** 2;
  }
  if (metric === 'IP') return dot;
  if (metric === 'L2') return squaredDistance;
  const norms = Math.sqrt(normA) * Math.sqrt(normB);
  return norms === 0 ? 0 : dot / norms;
}
