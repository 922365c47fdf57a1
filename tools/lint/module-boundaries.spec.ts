import { execFile as execFileCallback } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const execFile = promisify(execFileCallback);

const root = resolve(__dirname, '../..');
const eslintBin = resolve(root, 'node_modules/eslint/bin/eslint.js');

interface LintResult {
  messages: { ruleId: string | null; message: string }[];
}

/**
 * Lints `code` as if it were the file at `filePath`, with the project's own ESLint config, as
 * `npm test` runs it (a process of its own: the config is an ES module).
 */
async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const run = execFile(
    process.execPath,
    [eslintBin, '--stdin', '--stdin-filename', resolve(root, filePath), '--format', 'json'],
    { cwd: root },
  );
  run.child.stdin!.end(code);
  const { stdout } = await run.catch((error: { stdout: string }) => error);
  const [result] = JSON.parse(stdout) as LintResult[];
  return result!.messages
    .filter((m) => m.ruleId === 'boundaries/dependencies')
    .map((m) => m.message);
}

describe('the module boundaries lint rule (part of npm test)', () => {
  jest.setTimeout(60_000);

  it("fails an app that imports another app's code, in a test file too", async () => {
    const errors = await boundaryErrors(
      'apps/gateway-api/src/modules/conversations/pipeline.e2e-spec.ts',
      "import { coreAiService } from '../../../../core-ai/src/core-ai.service';\nexport const entry = coreAiService;\n",
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/app="gateway-api".*app="core-ai"/);
  });

  it('fails a lib that imports an app', async () => {
    const errors = await boundaryErrors(
      'libs/testing/src/probe.ts',
      "import { ticketService } from '../../../apps/ticket/src/ticket.service';\nexport const entry = ticketService;\n",
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/lib="testing".*app="ticket"/);
  });

  it('lets an app use libs and its own code', async () => {
    const errors = await boundaryErrors(
      'apps/ticket/src/probe.ts',
      [
        "import { QueueNames } from '@cxgenie/contracts';",
        "import { HandoffStore } from '../../../libs/conversations/src/handoff/handoff.store';",
        "import { ticketService } from './ticket.service';",
        'export const used = [QueueNames, HandoffStore, ticketService];',
      ].join('\n'),
    );
    expect(errors).toEqual([]);
  });
});
