import { createRequire } from 'node:module';
import type { KubeObject } from './helm';

const load = createRequire(__filename);

interface Model {
  new (data: object): { validate(): void };
}

/**
 * Where the JSON schema of an API group lives: Kubernetes' own groups in `kubernetes-models`
 * (schemas generated from the OpenAPI of Kubernetes 1.33), the CRDs we render in the
 * `@kubernetes-models/*` packages of their operators.
 */
const GROUP_MODULES: Record<string, (version: string) => string> = {
  '': (v) => `kubernetes-models/${v}`,
  apps: (v) => `kubernetes-models/apps/${v}`,
  batch: (v) => `kubernetes-models/batch/${v}`,
  policy: (v) => `kubernetes-models/policy/${v}`,
  autoscaling: (v) => `kubernetes-models/autoscaling/${v}`,
  'networking.k8s.io': (v) => `kubernetes-models/networking.k8s.io/${v}`,
  'rbac.authorization.k8s.io': (v) => `kubernetes-models/rbac.authorization.k8s.io/${v}`,
  'keda.sh': (v) => `@kubernetes-models/keda/keda.sh/${v}`,
  'monitoring.coreos.com': (v) =>
    `@kubernetes-models/prometheus-operator/monitoring.coreos.com/${v}`,
  'argoproj.io': (v) => `@kubernetes-models/argo-cd/argoproj.io/${v}`,
  'external-secrets.io': (v) => `@kubernetes-models/external-secrets/external-secrets.io/${v}`,
};

/**
 * external-secrets.io/v1 (ESO >= 0.16) serves ExternalSecret with the v1beta1 schema unchanged;
 * the models package has only v1beta1, so v1 objects are checked against it.
 */
const SCHEMA_VERSION_ALIASES: Record<string, string> = {
  'external-secrets.io/v1': 'external-secrets.io/v1beta1',
};

function modelFor(apiVersion: string, kind: string): Model | string {
  const schemaApiVersion = SCHEMA_VERSION_ALIASES[apiVersion] ?? apiVersion;
  const [group, version] = schemaApiVersion.includes('/')
    ? (schemaApiVersion.split('/') as [string, string])
    : ['', schemaApiVersion];
  const moduleOf = GROUP_MODULES[group];
  if (!moduleOf) return `no schema known for API group "${group}" (${apiVersion} ${kind})`;
  let exports: Record<string, Model>;
  try {
    exports = load(moduleOf(version)) as Record<string, Model>;
  } catch {
    return `no schema for ${apiVersion} (${kind}): version unknown to Kubernetes ${group ? `group ${group}` : 'core'}`;
  }
  return exports[kind] ?? `no schema for ${kind} in ${apiVersion}`;
}

/**
 * Problems of one manifest against the schema of its kind: types, required fields, enums and
 * formats. An object whose kind has no schema here is a problem too, so nothing goes unchecked.
 */
export function schemaProblems(manifest: KubeObject): string[] {
  const name = `${manifest.kind ?? '?'} ${manifest.metadata?.name ?? '?'}`;
  if (!manifest.apiVersion || !manifest.kind) return [`${name}: apiVersion and kind are required`];
  const model = modelFor(manifest.apiVersion, manifest.kind);
  if (typeof model === 'string') return [`${name}: ${model}`];
  const schemaApiVersion = SCHEMA_VERSION_ALIASES[manifest.apiVersion] ?? manifest.apiVersion;
  try {
    new model({ ...manifest, apiVersion: schemaApiVersion }).validate();
    return [];
  } catch (error) {
    return [`${name}: ${(error as Error).message}`];
  }
}
