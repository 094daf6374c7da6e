import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SandboxProvider } from './start-sandbox.js';

/**
 * A variable as a shell `export` / dotenv line, single-quoted: both `sh` and `node:util`
 * `parseEnv` take single-quoted text literally (the certificate's `\n` escapes included).
 */
export function environmentLine(name: string, value: string): string {
  return `${name}='${value.replaceAll("'", '%27')}'`;
}

/** The human-readable description of the running sandbox: endpoints, variables, transactions. */
export function describeSandbox(providers: Readonly<Record<string, SandboxProvider>>, envFiles: readonly string[]): string {
  const lines = ['Reversal sandbox running on 127.0.0.1. Stop it with Ctrl-C.'];
  for (const [id, provider] of Object.entries(providers)) {
    lines.push('', `${provider.name}`);
    for (const [label, url] of Object.entries(provider.urls)) lines.push(`  ${label.padEnd(9)} ${url}`);
    lines.push('', `  Environment for registry.fromEnv() / reversal reverse:`);
    for (const [name, value] of Object.entries(provider.environment)) lines.push(`    export ${environmentLine(name, value)}`);
    if (id === 'safaricom-ke' && !('MPESA_KE_RESULT_URL' in provider.environment)) {
      lines.push('    export MPESA_KE_RESULT_URL=<your callback endpoint>   # the simulator POSTs results there');
    }
    lines.push('', '  Transactions to reverse (id, amount, scenario):');
    for (const seed of provider.transactions) {
      lines.push(`    ${seed.transactionId.padEnd(20)} ${`${seed.amount} ${seed.currency}`.padEnd(14)} ${seed.scenario}`);
    }
  }
  if (envFiles.length > 0) lines.push('', `Wrote ${envFiles.join(', ')} (use with --dotenv).`);
  return `${lines.join('\n')}\n`;
}

/** Writes one dotenv file per provider (`<dir>/<provider id>.env`); returns their paths. */
export async function writeEnvironmentFiles(
  directory: string,
  providers: Readonly<Record<string, SandboxProvider>>,
): Promise<string[]> {
  await mkdir(directory, { recursive: true });
  const paths: string[] = [];
  for (const [id, provider] of Object.entries(providers)) {
    const path = join(directory, `${id}.env`);
    const body = Object.entries(provider.environment).map(([name, value]) => environmentLine(name, value));
    await writeFile(path, `# ${provider.name}, written by \`reversal sandbox\`: valid while it runs.\n${body.join('\n')}\n`, {
      mode: 0o600,
    });
    paths.push(path);
  }
  return paths;
}
