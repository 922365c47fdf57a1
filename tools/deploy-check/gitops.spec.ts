import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import type { KubeObject } from './helm';
import { schemaProblems } from './kube-schema';
import { ARGOCD_DIR, CHART_DIR, ROOT, TENANTS_DIR, WORKFLOWS_DIR } from './paths';
import { yamllint } from './yamllint';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const read = (path: string): Doc => parse(readFileSync(path, 'utf8')) as Doc;
const argoFiles = readdirSync(ARGOCD_DIR, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => join(ARGOCD_DIR, f));
const argo: KubeObject[] = argoFiles.flatMap((f) =>
  parseAllDocuments(readFileSync(f, 'utf8')).map((d) => d.toJS() as KubeObject),
);
const byKind = (kind: string) => argo.filter((m) => m.kind === kind);
const tenants = readdirSync(TENANTS_DIR).map((name) => ({
  name,
  file: read(join(TENANTS_DIR, name, 'tenant.yaml')),
}));

/** The Application the ApplicationSet's go template makes of one tenant file. */
function applicationFor(appSet: Doc, params: Doc): KubeObject {
  const text = JSON.stringify(appSet.spec.template).replace(
    /\{\{ \.([A-Za-z]+) \}\}/g,
    (_, key: string) => {
      if (!(key in params)) throw new Error(`tenant file has no ${key}`);
      return String(params[key]);
    },
  );
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', ...JSON.parse(text) };
}

describe('Argo CD', () => {
  it('validates every manifest against the Argo CD CRD schemas', () => {
    expect(argo.map((m) => m.kind).sort()).toEqual([
      'AppProject',
      'Application',
      'Application',
      'Application',
      'ApplicationSet',
    ]);
    expect(argo.flatMap(schemaProblems)).toEqual([]);
  });

  it('makes one Application per tenant file, in the tenant namespace, synced automatically', () => {
    const [appSet] = byKind('ApplicationSet') as Doc[];
    const generator = appSet.spec.generators[0].git;
    expect(generator.files).toEqual([{ path: 'deploy/tenants/*/tenant.yaml' }]);
    expect(tenants.map((t) => t.name)).toEqual(expect.arrayContaining(['shared', 'acme']));
    for (const { name, file } of tenants) {
      expect(file.tenant).toBe(name);
      const app = applicationFor(appSet, file) as Doc;
      expect(schemaProblems(app as KubeObject)).toEqual([]);
      expect(app.metadata.name).toBe(`cxgenie-${name}`);
      expect(app.spec.destination.namespace).toBe(file.namespace);
      expect(app.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
      expect(app.spec.syncPolicy.syncOptions).toContain('CreateNamespace=true');
      // Every values file the Application names exists in git, relative to the chart.
      for (const valueFile of app.spec.source.helm.valueFiles as string[]) {
        expect({ valueFile, exists: existsSync(resolve(CHART_DIR, valueFile)) }).toEqual({
          valueFile,
          exists: true,
        });
      }
      // The tenant's values name the tenant the file does.
      expect(read(join(TENANTS_DIR, name, 'values.yaml')).tenant.name).toBe(name);
    }
  });

  it('lets the project deploy every tenant namespace and nothing cluster-wide but namespaces', () => {
    const [project] = byKind('AppProject') as Doc[];
    const allowed = (ns: string) =>
      project.spec.destinations.some((d: Doc) =>
        new RegExp(`^${d.namespace.replace('*', '.*')}$`).test(ns),
      );
    for (const { file } of tenants) expect(allowed(file.namespace)).toBe(true);
    expect(project.spec.clusterResourceWhitelist).toEqual([{ group: '', kind: 'Namespace' }]);
    for (const app of byKind('Application') as Doc[]) expect(app.spec.project).toBe('cxgenie');
  });

  it('provisions the ClickHouse and Milvus the chart points at, before the tenants', () => {
    const apps = byKind('Application') as Doc[];
    const clickhouse = apps.find((a) => a.metadata.name === 'cxgenie-clickhouse')!;
    const milvus = apps.find((a) => a.metadata.name === 'cxgenie-milvus')!;
    const values = read(join(CHART_DIR, 'values.yaml'));
    expect(values.config.CLICKHOUSE_URL).toContain(`.${clickhouse.spec.destination.namespace}.svc`);
    expect(values.config.MILVUS_ADDRESS).toContain(`.${milvus.spec.destination.namespace}.svc`);
    for (const store of [clickhouse, milvus]) {
      expect(Number(store.metadata.annotations['argocd.argoproj.io/sync-wave'])).toBeLessThan(0);
    }
  });

  it('passes yamllint', async () => {
    const findings = await yamllint(['deploy/argocd', 'deploy/tenants', 'deploy/releases']);
    expect(findings.split('\n').filter((l) => l.includes('[error]'))).toEqual([]);
  });
});

describe('GitHub Actions workflows', () => {
  const ci = read(join(WORKFLOWS_DIR, 'ci.yml'));
  const release = read(join(WORKFLOWS_DIR, 'release.yml'));
  const steps = (job: Doc): Doc[] => job.steps;
  const runs = (job: Doc) =>
    steps(job)
      .map((s) => s.run ?? '')
      .filter(Boolean)
      .join('\n');
  const uses = (job: Doc) => steps(job).map((s) => s.uses ?? '');

  it('pass yamllint', async () => {
    const findings = await yamllint(['.github/workflows']);
    expect(findings.split('\n').filter((l) => l.includes('[error]'))).toEqual([]);
  });

  it('name a runner, steps and pinned action versions in every job', () => {
    for (const workflow of [ci, release]) {
      expect(workflow.on).toBeDefined();
      for (const job of Object.values(workflow.jobs) as Doc[]) {
        expect(job['runs-on']).toBe('ubuntu-latest');
        expect(job['timeout-minutes']).toBeLessThanOrEqual(90);
        for (const action of uses(job).filter(Boolean))
          expect(action).toMatch(/^[\w.-]+\/[\w.-]+@v?\d/);
      }
    }
  });

  it('run npm test on pull requests, as CI does', () => {
    expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(['pull_request', 'push']));
    expect(runs(ci.jobs.test)).toBe('npm test');
  });

  it('build, scan, then push the image with short-lived AWS credentials, only after the tests', () => {
    const image = release.jobs.image;
    expect(image.needs).toBe('test');
    expect(runs(release.jobs.test)).toBe('npm test');
    expect(image.permissions['id-token']).toBe('write');
    const names = uses(image);
    const at = (prefix: string) => names.findIndex((u) => u.startsWith(prefix));
    expect(at('docker/build-push-action')).toBeGreaterThanOrEqual(0);
    expect(at('aquasecurity/trivy-action')).toBeGreaterThan(at('docker/build-push-action'));
    const scan = steps(image)[at('aquasecurity/trivy-action')];
    expect(scan.with['exit-code']).toBe('1');
    expect(scan.with.severity).toContain('CRITICAL');
    expect(
      steps(image)[at('aws-actions/configure-aws-credentials')].with['role-to-assume'],
    ).toBeTruthy();
    const push = steps(image).findIndex((s) => /docker push/.test(s.run ?? ''));
    expect(push).toBeGreaterThan(at('aquasecurity/trivy-action'));
  });

  it('bump the image tag in the GitOps values the Applications read', () => {
    const promote = release.jobs.promote;
    expect(promote.needs).toBe('image');
    const script = runs(promote);
    const file = /deploy\/releases\/production\.yaml/.exec(script)?.[0];
    expect(file).toBeDefined();
    const releaseValues = read(join(ROOT, file!));
    expect(typeof releaseValues.image.tag).toBe('string');
    // The sed expression finds the line it rewrites.
    expect(readFileSync(join(ROOT, file!), 'utf8')).toMatch(/^ {2}tag: /m);
    expect(uses(promote)).toContain('peter-evans/create-pull-request@v7');
  });
});
