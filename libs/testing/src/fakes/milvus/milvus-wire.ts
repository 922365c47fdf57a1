import type { ServiceDefinition } from '@grpc/grpc-js';
import { type Options, fromJSON } from '@grpc/proto-loader';
import milvusProtoJson from '@zilliz/milvus2-sdk-node/dist/milvus/proto-json/milvus';
import * as protobuf from 'protobufjs';

/*
 * The protocol exactly as the SDK speaks it: the same JSON descriptors it ships and loads, with the
 * same loader options, so every message our handlers see is shaped like the SDK's own objects
 * (snake_case keys, enums as names, int64 as strings, oneof discriminators present).
 */

const protocol = milvusProtoJson as unknown as protobuf.INamespace;

const LOADER_OPTIONS: Options = {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
};

const packageDefinition = fromJSON(protocol, LOADER_OPTIONS);

export const MILVUS_SERVICE = packageDefinition[
  'milvus.proto.milvus.MilvusService'
] as ServiceDefinition;
export const CLIENT_TELEMETRY_SERVICE = packageDefinition[
  'milvus.proto.milvus.ClientTelemetryService'
] as ServiceDefinition;

const root = protobuf.Root.fromJSON(protocol);
const collectionSchemaType = root.lookupType('milvus.proto.schema.CollectionSchema');
const placeholderGroupType = root.lookupType('milvus.proto.common.PlaceholderGroup');

export interface WireKeyValue {
  key: string;
  value: string;
}

export interface WireStatus {
  error_code: string;
  code: number;
  reason: string;
}

export interface WireFieldSchema {
  fieldID: string;
  name: string;
  is_primary_key: boolean;
  description: string;
  data_type: string;
  type_params: WireKeyValue[];
  index_params: WireKeyValue[];
  autoID: boolean;
  element_type: string;
  is_dynamic: boolean;
  is_partition_key: boolean;
  is_clustering_key: boolean;
  nullable: boolean;
  is_function_output: boolean;
}

export interface WireCollectionSchema {
  name: string;
  description: string;
  fields: WireFieldSchema[];
  enable_dynamic_field: boolean;
  functions: unknown[];
  struct_array_fields: unknown[];
}

export interface WireScalarField {
  data: string;
  bool_data?: { data: boolean[] };
  int_data?: { data: number[] };
  long_data?: { data: string[] };
  float_data?: { data: number[] };
  double_data?: { data: number[] };
  string_data?: { data: string[] };
}

export interface WireVectorField {
  data: string;
  dim: string;
  float_vector?: { data: number[] };
}

export interface WireFieldData {
  type: string;
  field_name: string;
  field: 'scalars' | 'vectors' | 'struct_arrays';
  scalars?: WireScalarField;
  vectors?: WireVectorField;
  is_dynamic: boolean;
  valid_data: boolean[];
}

export function decodeCollectionSchema(bytes: Uint8Array): WireCollectionSchema {
  return collectionSchemaType.toObject(collectionSchemaType.decode(bytes), {
    longs: String,
    enums: String,
    defaults: true,
    arrays: true,
  }) as WireCollectionSchema;
}

/**
 * Search vectors travel as a serialized PlaceholderGroup: one placeholder `$0` whose values are the
 * query vectors, each `dim` float32 in little-endian order.
 */
export function decodeFloatPlaceholders(bytes: Uint8Array, dim: number): Float32Array[] {
  const group = placeholderGroupType.toObject(placeholderGroupType.decode(bytes), {
    enums: String,
    defaults: true,
    arrays: true,
  }) as { placeholders: { tag: string; type: string; values: Uint8Array[] }[] };
  const [placeholder] = group.placeholders;
  if (!placeholder || placeholder.tag !== '$0')
    throw new Error('placeholder group has no $0 placeholder');
  if (placeholder.type !== 'FloatVector')
    throw new Error(`only FloatVector placeholders are supported, got ${placeholder.type}`);
  return placeholder.values.map((value, index) => {
    if (value.byteLength !== dim * 4)
      throw new Error(
        `query vector ${index} has ${value.byteLength / 4} dimensions, the field has ${dim}`,
      );
    const view = new DataView(value.buffer, value.byteOffset, value.byteLength);
    return Float32Array.from({ length: dim }, (_, i) => view.getFloat32(i * 4, true));
  });
}

export const keyValue = (pairs: readonly WireKeyValue[], key: string): string | undefined =>
  pairs.find((pair) => pair.key === key)?.value;
