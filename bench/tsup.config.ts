import { defineConfig } from 'tsup';

// Every child-process entry is its own file, and every dependency stays external, so that a client
// process loads only its own client (undici 7 installs itself as Node's global dispatcher on import).
export default defineConfig({
  entry: {
    run: 'src/run.ts',
    'server-child': 'src/server-child.ts',
    'client-child': 'src/client-child.ts',
    'callback-child': 'src/callback-child.ts',
    'first-reversal-child': 'src/first-reversal-child.ts',
    'ledger-child': 'src/ledger-child.ts',
    'clients/ours-ke': 'src/clients/ours-ke.ts',
    'clients/raw-ke': 'src/clients/raw-ke.ts',
    'clients/mpesa-api-ke': 'src/clients/mpesa-api-ke.ts',
    'clients/ours-mz': 'src/clients/ours-mz.ts',
    'clients/raw-mz': 'src/clients/raw-mz.ts',
    'clients/paymentsds-mz': 'src/clients/paymentsds-mz.ts',
  },
  format: ['esm'],
  outDir: 'dist',
  clean: true,
  target: 'node20',
  platform: 'node',
  splitting: false,
  treeshake: true,
});
