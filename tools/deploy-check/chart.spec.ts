import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadServiceConfig } from '@cxgenie/config';
import { SERVICE_NAMES, type ServiceName } from '@cxgenie/contracts';
import { HelmError, type KubeObject, type Rendered, lintChart, renderChart } from './helm';
import { schemaProblems } from './kube-schema';
import { TENANTS_DIR } from './paths';
import { yamllint } from './yamllint';

const CHART = 'deploy/helm/cxgenie';
const production = [`${CHART}/values-production.yaml`, 'deploy/releases/production.yaml'];
const tenants = readdirSync(TENANTS_DIR);

/** The value sets a cluster ever sees: the defaults, production, and production per tenant. */
const RENDERS: Record<string, { namespace: string; valueFiles: string[] }> = {
  default: { namespace: 'cxgenie', valueFiles: [] },
  production: { namespace: 'cxgenie', valueFiles: production },
  ...Object.fromEntries(
    tenants.map((t) => [
      `tenant ${t}`,
      {
        namespace: t === 'shared' ? 'cxgenie' : `cxgenie-${t}`,
        valueFiles: [...production, `deploy/tenants/${t}/values.yaml`],
      },
    ]),
  ),
};

const rendered: Record<string, Rendered> = {};

beforeAll(async () => {
  for (const [name, { namespace, valueFiles }] of Object.entries(RENDERS)) {
    rendered[name] = await renderChart({ release: 'cxgenie', namespace, valueFiles });
  }
}, 120_000);

const ofKind = (r: Rendered, kind: string) => r.manifests.filter((m) => m.kind === kind);
const spec = (m: KubeObject) => m['spec'] as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const containerOf = (deployment: KubeObject) => spec(deployment).template.spec.containers[0];

describe.each(Object.keys(RENDERS))('the chart rendered for %s', (name) => {
  it('validates every manifest against the Kubernetes 1.33 (and CRD) schemas', () => {
    const problems = rendered[name].manifests.flatMap(schemaProblems);
    expect(problems).toEqual([]);
    expect(rendered[name].manifests.length).toBeGreaterThan(30);
  });

  it('passes yamllint as rendered', async () => {
    const findings = await yamllint([], rendered[name].yaml);
    expect(findings.split('\n').filter((l) => l.includes('[error]'))).toEqual([]);
  });

  it('gives every app an environment its config accepts in production, shared stores included', () => {
    const r = rendered[name];
    const configMap = ofKind(r, 'ConfigMap').find((c) => c.metadata.name.endsWith('-config'))!;
    // The Secret's keys, as External Secrets would fill them from Secrets Manager.
    const secret = {
      DATABASE_URL: 'postgres://app:Zq8rT2mW9x@db.internal:5432/cxgenie',
      REDIS_URL: 'rediss://:Lk39dnW02x@redis.internal:6379',
      JWT_SECRET: 'a9f3c1e7b5d2f8a4c6e0b1d3f5a7c9e2b4d6f8a0',
      ENCRYPTION_KEY: 'c4e6a8b0d2f4a6c8e0b2d4f6a8c0e2b4d6f8a0c2',
      SERVICE_TOKEN: 'e7a9c1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c5',
    };
    for (const deployment of ofKind(r, 'Deployment')) {
      const container = containerOf(deployment);
      const env = Object.fromEntries(
        (container.env as { name: string; value: string }[]).map((e) => [e.name, e.value]),
      );
      const app = env['APP'] as ServiceName;
      expect(SERVICE_NAMES).toContain(app);
      const full: Record<string, string> = {
        ...(configMap['data'] as Record<string, string>),
        ...secret,
        ...env,
      };
      expect(() => loadServiceConfig(app, full)).not.toThrow();
      expect(full['STORAGE_DRIVER']).toBe('s3');
      expect(full['PUBLIC_WEBHOOK_BASE_URL']).toMatch(/^https:\/\//);
    }
  });

  it('routes only public paths through the ingress: never /, /metrics, /health or internal routes', () => {
    const ingresses = ofKind(rendered[name], 'Ingress');
    expect(ingresses.map((i) => i.metadata.name.replace(/^cxgenie-/, '')).sort()).toEqual([
      'gateway-api',
      'integration',
    ]);
    for (const ingress of ingresses) {
      for (const rule of spec(ingress).rules) {
        for (const { path } of rule.http.paths as { path: string }[]) {
          expect(path).not.toBe('/');
          expect(path).not.toMatch(/^\/(metrics|health|v1)(\/|$)/);
        }
      }
    }
    const hooks = ingresses.find((i) => i.metadata.name.endsWith('integration'))!;
    expect(spec(hooks).rules[0].http.paths.map((p: { path: string }) => p.path)).toEqual([
      '/webhooks',
    ]);
  });

  it('lets only our pods, the ingress controller (public apps) and Prometheus reach the apps', () => {
    const policies = ofKind(rendered[name], 'NetworkPolicy');
    const deployments = ofKind(rendered[name], 'Deployment');
    expect(policies).toHaveLength(deployments.length);
    const coreAi = policies.find((p) => p.metadata.name.endsWith('core-ai'))!;
    const sources = spec(coreAi).ingress.map((rule: { from: object[] }) => rule.from[0]);
    expect(sources).toEqual([
      {
        podSelector: {
          matchLabels: expect.objectContaining({ 'app.kubernetes.io/instance': 'cxgenie' }),
        },
      },
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } },
    ]);
    const integration = policies.find((p) => p.metadata.name.endsWith('integration'))!;
    expect(JSON.stringify(spec(integration).ingress)).toContain('ingress-nginx');
  });

  it('runs migrations before the apps, after the secret, under Helm and Argo CD alike', () => {
    const job = ofKind(rendered[name], 'Job')[0];
    const annotations = job.metadata['annotations'] as Record<string, string>;
    expect(annotations).toMatchObject({
      'helm.sh/hook': 'pre-install,pre-upgrade',
      'argocd.argoproj.io/hook': 'PreSync',
      'argocd.argoproj.io/sync-wave': '-1',
    });
    const secret = ofKind(rendered[name], 'ExternalSecret')[0];
    expect(
      (secret.metadata['annotations'] as Record<string, string>)['argocd.argoproj.io/sync-wave'],
    ).toBe('-2');
    for (const d of ofKind(rendered[name], 'Deployment')) {
      expect(
        (d.metadata['annotations'] as Record<string, string>)['argocd.argoproj.io/sync-wave'],
      ).toBe('0');
    }
  });

  it('scales the queue workers on queue depth and the API on CPU, never both on one Deployment', () => {
    const scaled = ofKind(rendered[name], 'ScaledObject').map((s) => spec(s).scaleTargetRef.name);
    const hpas = ofKind(rendered[name], 'HorizontalPodAutoscaler').map(
      (h) => spec(h).scaleTargetRef.name,
    );
    expect(scaled).toEqual(expect.arrayContaining(['cxgenie-gateway-worker', 'cxgenie-loader']));
    expect(scaled.filter((s) => hpas.includes(s))).toEqual([]);
    const worker = ofKind(rendered[name], 'ScaledObject').find((s) =>
      s.metadata.name.endsWith('gateway-worker'),
    )!;
    expect(spec(worker).triggers[0].metadata.query).toContain(
      'queue=~"conversation.inbound|analytics.events"',
    );
  });
});

describe('per-tenant values', () => {
  it('puts an enterprise tenant on its node group, in its namespace, with its own secret', () => {
    const acme = rendered['tenant acme'];
    for (const workload of [...ofKind(acme, 'Deployment'), ...ofKind(acme, 'Job')]) {
      const pod = spec(workload).template.spec;
      expect(pod.nodeSelector).toEqual({ 'cxgenie.io/tenant': 'acme' });
      expect(pod.tolerations).toContainEqual({
        key: 'cxgenie.io/tenant',
        operator: 'Equal',
        value: 'acme',
        effect: 'NoSchedule',
      });
      expect(workload.metadata.labels?.['cxgenie.io/tenant']).toBe('acme');
    }
    const secret = ofKind(acme, 'ExternalSecret')[0];
    expect(spec(secret).dataFrom[0].extract.key).toBe('cxgenie/production/tenants/acme');
    expect(ofKind(acme, 'ConfigMap').filter((c) => c.metadata.name.includes('dashboard'))).toEqual(
      [],
    );
  });

  it('leaves the shared deployment on the general node group', () => {
    for (const d of ofKind(rendered['tenant shared'], 'Deployment')) {
      expect(spec(d).template.spec.nodeSelector).toBeUndefined();
    }
  });
});

describe('values the chart refuses', () => {
  const refusal = async (set: string[]) => {
    try {
      await renderChart({ release: 'cxgenie', namespace: 'cxgenie', set });
    } catch (error) {
      expect(error).toBeInstanceOf(HelmError);
      return (error as HelmError).stderr;
    }
    throw new Error(`helm accepted ${set.join(' ')}`);
  };

  it.each([
    [['config.VECTOR_STORE=lancedb'], 'config.VECTOR_STORE'],
    [['config.STORAGE_DRIVER=local'], 'config.STORAGE_DRIVER'],
    [['config.CLICKHOUSE_URL='], 'config.CLICKHOUSE_URL'],
    [['config.SINGLE_NODE=true'], 'config.SINGLE_NODE'],
    [['apps.integration.ingress.paths={/}'], 'apps.integration.ingress.paths.0'],
    [['apps.gateway-api.ingress.paths={/metrics}'], 'apps.gateway-api.ingress.paths.0'],
    [['apps.core-ai.queueScaling.enabled=true'], 'apps.core-ai'],
    [['config.JWT_SECRET=in-values'], 'config.JWT_SECRET'],
  ])('refuses %j, naming %s', async (set, field) => {
    expect(await refusal(set)).toContain(field);
  });

  it('refuses production without a public webhook origin', async () => {
    expect(await refusal(['apps.integration.ingress.enabled=false'])).toContain(
      'PUBLIC_WEBHOOK_BASE_URL',
    );
  });
});

describe('helm lint', () => {
  it('passes --strict with the production values of every tenant', async () => {
    for (const t of tenants) {
      await expect(
        lintChart({ valueFiles: [...production, join('deploy/tenants', t, 'values.yaml')] }),
      ).resolves.toContain('0 chart(s) failed');
    }
  });
});
