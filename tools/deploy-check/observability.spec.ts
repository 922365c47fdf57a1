import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { KubeObject } from './helm';
import { renderChart } from './helm';
import { CHART_DIR, ROOT } from './paths';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Metric names our code registers (prom-client `name: '...'`), and prom-client's defaults. */
function registeredMetrics(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(path);
      } else if (/\.ts$/.test(entry.name) && !/spec\.ts$/.test(entry.name)) {
        const source = readFileSync(path, 'utf8');
        if (!/new (Counter|Gauge|Histogram|Summary)\b/.test(source)) continue;
        for (const m of source.matchAll(/name: '([a-z_:][a-z0-9_:]*)'/g)) names.add(m[1]);
      }
    }
  };
  walk(join(ROOT, 'apps'));
  walk(join(ROOT, 'libs'));
  return names;
}

const DEFAULT_METRICS = /^(process_|nodejs_)/;
/** Exporters the operators' stack runs next to us (deploy/README.md, Observability). */
const EXTERNAL_METRICS = new Set(['pg_locks_count']);

/** Metric names a PromQL expression reads (identifiers followed by `{` or `[`). */
function metricsIn(expr: string): string[] {
  const names = [...expr.matchAll(/([a-z_:][a-z0-9_:]*)\s*[{[]/g)].map((m) => m[1]);
  return names.filter((n) => !['by', 'on', 'without', 'ignoring'].includes(n));
}

function knownMetric(name: string, registered: Set<string>): boolean {
  const base = name.replace(/_(bucket|count|sum)$/, '');
  return (
    registered.has(name) ||
    registered.has(base) ||
    DEFAULT_METRICS.test(name) ||
    EXTERNAL_METRICS.has(name)
  );
}

const dashboards = readdirSync(join(CHART_DIR, 'dashboards')).map((file) => ({
  file,
  json: JSON.parse(readFileSync(join(CHART_DIR, 'dashboards', file), 'utf8')) as Doc,
}));

describe('Grafana dashboards', () => {
  const registered = registeredMetrics();

  it('cover RED, queues, the database, the LLM and ingestion', () => {
    expect(dashboards.map((d) => d.json.uid).sort()).toEqual([
      'cxgenie-database',
      'cxgenie-ingestion',
      'cxgenie-llm',
      'cxgenie-queues',
      'cxgenie-services',
    ]);
  });

  it('query only metrics our services export (or a named exporter), per tenant namespace', () => {
    for (const { file, json } of dashboards) {
      expect(json.templating.list.map((v: Doc) => v.name)).toEqual(['datasource', 'namespace']);
      for (const panel of json.panels as Doc[]) {
        for (const target of panel.targets as Doc[]) {
          const metrics = metricsIn(target.expr);
          expect({ file, panel: panel.title, metrics: metrics.length > 0 }).toEqual({
            file,
            panel: panel.title,
            metrics: true,
          });
          for (const metric of metrics) {
            expect({
              file,
              panel: panel.title,
              metric,
              known: knownMetric(metric, registered),
            }).toEqual({
              file,
              panel: panel.title,
              metric,
              known: true,
            });
          }
          if (!metrics.every((m) => EXTERNAL_METRICS.has(m)))
            expect(target.expr).toContain('namespace="$namespace"');
        }
      }
    }
  });

  it('ship in ConfigMaps the Grafana sidecar picks up', async () => {
    const { manifests } = await renderChart({ release: 'cxgenie', namespace: 'cxgenie' });
    const maps = manifests.filter(
      (m: KubeObject) => m.kind === 'ConfigMap' && m.metadata.name.includes('dashboard'),
    );
    expect(maps).toHaveLength(dashboards.length);
    for (const map of maps) {
      expect(map.metadata.labels?.['grafana_dashboard']).toBe('1');
      const [content] = Object.values(map['data'] as Record<string, string>);
      expect(JSON.parse(content).uid).toMatch(/^cxgenie-/);
    }
  });
});

describe('PrometheusRule alerts', () => {
  let rules: Doc[];

  beforeAll(async () => {
    const { manifests } = await renderChart({ release: 'cxgenie', namespace: 'cxgenie' });
    const rule = manifests.find((m) => m.kind === 'PrometheusRule') as Doc;
    rules = rule.spec.groups.flatMap((g: Doc) => g.rules);
  });

  const alert = (name: string): Doc => rules.find((r) => r.alert === name)!;

  it('fire at the thresholds operators were promised', () => {
    expect(alert('CxGenieHighLatencyP95').expr).toMatch(
      /histogram_quantile\(0\.95,[\s\S]*\) > 5\s*$/,
    );
    expect(alert('CxGenieHighErrorRate').expr).toMatch(/status=~"5\.\."[\s\S]*> 0\.01\s*$/);
    expect(alert('CxGenieQueueBacklog').expr).toMatch(/state="waiting"[\s\S]*> 1000\s*$/);
    expect(alert('CxGenieDatabasePoolSaturated').expr).toMatch(
      /state="using"[\s\S]*state="max"[\s\S]*> 0\.8\s*$/,
    );
    expect(alert('CxGenieStuckIngestion').expr).toMatch(
      /queue="loader\.ingest",state="active"[\s\S]*> 1800\s*$/,
    );
    expect(alert('CxGenieDeadLetters').expr).toContain('state="failed"');
  });

  it('read only metrics our services export', () => {
    const registered = registeredMetrics();
    for (const rule of rules) {
      for (const metric of metricsIn(rule.expr)) {
        expect({ alert: rule.alert, metric, known: knownMetric(metric, registered) }).toEqual({
          alert: rule.alert,
          metric,
          known: true,
        });
      }
      expect(rule.labels.severity).toMatch(/^(warning|critical)$/);
      expect(rule.annotations.summary).toBeTruthy();
    }
  });
});
