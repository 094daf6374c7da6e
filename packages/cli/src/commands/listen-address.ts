import type { AnyProviderDefinition, Environment } from '@reversal/core';
import { usageError } from '../cli-error.js';
import type { ListenAddress } from './callback-listener.js';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Where `reverse --wait` listens: `--listen` (`8080`, `127.0.0.1:8080`, `0.0.0.0:8080`), or else
 * the port of the provider's result URL when that URL points at this machine (a local test
 * setup). A public result URL needs `--listen`: only the user knows where their tunnel or proxy
 * forwards it.
 */
export function resolveListenAddress(
  listen: string | undefined,
  definition: AnyProviderDefinition | undefined,
  env: Environment,
  command = 'reverse',
): ListenAddress {
  if (listen !== undefined) {
    const match = /^(?:(.+):)?(\d{1,5})$/.exec(listen);
    const port = Number(match?.[2]);
    if (!match || port > 65_535) {
      throw usageError(command, `--listen must be a port or host:port (e.g. 8080 or 127.0.0.1:8080).`);
    }
    return { host: (match[1] ?? '127.0.0.1').replace(/^\[(.*)\]$/, '$1'), port };
  }
  const variable = (definition?.environment as Record<string, { name: string } | undefined> | undefined)?.resultUrl?.name;
  const text = variable ? env[variable] : undefined;
  let url: URL | undefined;
  try {
    url = text ? new URL(text) : undefined;
  } catch {
    url = undefined;
  }
  if (url && LOOPBACK.has(url.hostname)) {
    const host = url.hostname === '[::1]' ? '::1' : '127.0.0.1';
    return { host, port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)) };
  }
  throw usageError(
    command,
    `--wait needs to know where to receive the callback: ${variable ?? 'the result URL'} does not point at this machine. ` +
      'Give --listen <port> with the local port your result URL reaches (through a tunnel or proxy).',
  );
}
