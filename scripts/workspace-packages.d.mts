/** One package under `packages/`. */
export interface WorkspacePackage {
  /** The package name (`@reversal/core`). */
  readonly name: string;
  /** Its folder from the repository root (`packages/core`). */
  readonly folder: string;
  /** Its absolute directory. */
  readonly directory: string;
  /** `"private": true`: never published, never bundled into the CLI or the bench. */
  readonly private: boolean;
  /** The export name of its provider definition, when it is an adapter (`reversal.adapter`). */
  readonly adapter: string | undefined;
  /** Import specifier → absolute path of its TypeScript source (`@reversal/core/kit` → `…/src/kit/index.ts`). */
  readonly entries: Readonly<Record<string, string>>;
  /** The parsed `package.json`. */
  readonly manifest: Readonly<Record<string, unknown>>;
}

/** The repository root. */
export const REPOSITORY_ROOT: string;

/** Reads one package folder; `undefined` for a folder without `package.json`. */
export function readWorkspacePackage(directory: string, folder: string): WorkspacePackage | undefined;

/** Every package under `packages/`, sorted by folder. */
export function listWorkspacePackages(root?: string): WorkspacePackage[];

/** The packages that declare `reversal.adapter`. */
export function listAdapterPackages(root?: string): WorkspacePackage[];
