import type { ValidationIssue } from '../errors/reversal-error.js';
import type { EnvironmentVariable } from './provider-definition.js';
import type { Environment } from './read-environment.js';

/** The common prefix of a table's variable names, up to its last `_` (`MPESA_KE_`). */
function prefixOf(names: readonly string[]): string {
  if (names.length === 0) return '';
  let prefix = names[0]!;
  for (const name of names) while (!name.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix.slice(0, prefix.lastIndexOf('_') + 1);
}

/** Edit distance between two names, compared without underscores (`SHORTCODE` = `SHORT_CODE`). */
function distance(a: string, b: string): number {
  const x = a.replaceAll('_', '');
  const y = b.replaceAll('_', '');
  let previous = Array.from({ length: y.length + 1 }, (_, index) => index);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length]!;
}

/**
 * Issues for variables that carry the provider's prefix but are not in its table, the likeliest
 * cause of a "required" error next to them: `MPESA_KE_SHORTCODE` → did you mean `MPESA_KE_SHORT_CODE`?
 */
export function unknownVariableIssues(
  table: Readonly<Record<string, EnvironmentVariable | undefined>>,
  env: Environment,
): ValidationIssue[] {
  const names = Object.values(table).flatMap((variable) => (variable ? [variable.name] : []));
  const prefix = prefixOf(names);
  if (prefix.length < 3) return [];
  const known = new Set(names);
  const issues: ValidationIssue[] = [];
  for (const name of Object.keys(env).sort()) {
    if (!name.startsWith(prefix) || known.has(name) || env[name] === undefined) continue;
    const closest = names.map((candidate) => ({ candidate, cost: distance(name, candidate) })).sort((a, b) => a.cost - b.cost)[0];
    issues.push({
      field: name,
      message:
        closest && closest.cost <= 3
          ? `is not a variable this provider reads: did you mean ${closest.candidate}?`
          : `is not a variable this provider reads; the variables are ${names.join(', ')}`,
    });
  }
  return issues;
}
