import { inspect } from 'node:util';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ReversalConfigError } from '../errors/reversal-config-error.js';
import { parseOptions, toValidationIssues } from './parse-options.js';

const SECRET = 'CANARY-s3cr3t-value';

function issuesOf(schema: v.GenericSchema, input: unknown) {
  const result = v.safeParse(schema, input);
  if (result.success) throw new Error('expected issues');
  return toValidationIssues(result.issues);
}

describe('toValidationIssues', () => {
  it.each([
    ['a wrong type', v.object({ key: v.string() }), { key: 12 }, 'must be string'],
    ['a missing key', v.object({ key: v.string() }), {}, 'is required'],
    ['an undefined value', v.object({ key: v.string() }), { key: undefined }, 'is required (expected string)'],
    ['an unknown key', v.strictObject({}), { key: SECRET }, 'is not a known option'],
    ['a failed regex', v.object({ key: v.pipe(v.string(), v.regex(/^\d+$/)) }), { key: SECRET }, 'must be /^\\d+$/'],
    ['a failed minimum', v.object({ key: v.pipe(v.number(), v.minValue(5)) }), { key: 1 }, 'must be >=5'],
    ['an invalid URL', v.object({ key: v.pipe(v.string(), v.url()) }), { key: SECRET }, 'must be a valid url'],
    ['an invalid email', v.object({ key: v.pipe(v.string(), v.email()) }), { key: SECRET }, 'must be a valid email'],
    ['a failed check', v.object({ key: v.pipe(v.string(), v.check(() => false)) }), { key: SECRET }, 'is invalid'],
    ['a failed picklist', v.object({ key: v.picklist(['a', 'b']) }), { key: SECRET }, 'must be ("a" | "b")'],
  ])('describes %s without echoing the value', (_, schema, input, message) => {
    const issues = issuesOf(schema as v.GenericSchema, input);
    expect(issues).toEqual([{ field: 'key', message }]);
    expect(JSON.stringify(issues)).not.toContain(SECRET);
  });

  it('keeps a message the schema author wrote', () => {
    const schema = v.object({ key: v.pipe(v.string(), v.minLength(32, 'must be the 32-character key from the portal')) });
    expect(issuesOf(schema, { key: SECRET })).toEqual([{ field: 'key', message: 'must be the 32-character key from the portal' }]);
  });

  it('names nested fields with dots, under a prefix, or the root', () => {
    const schema = v.object({ credentials: v.object({ apiKey: v.string() }) });
    const result = v.safeParse(schema, { credentials: { apiKey: 1 } });
    expect(toValidationIssues(result.issues ?? [], 'options')).toEqual([{ field: 'options.credentials.apiKey', message: 'must be string' }]);
    expect(issuesOf(v.string(), 5)).toEqual([{ field: '(root)', message: 'must be string' }]);
  });
});

describe('parseOptions', () => {
  it('returns the parsed options with defaults', () => {
    const schema = v.object({ timeoutMs: v.optional(v.number(), 1000) });
    expect(parseOptions(schema, {}, 'test provider')).toEqual({ timeoutMs: 1000 });
  });

  it('throws a ReversalConfigError naming every field, never the values', () => {
    const schema = v.object({ apiKey: v.pipe(v.string(), v.check((value) => value.length === 32)), baseUrl: v.pipe(v.string(), v.url()) });
    try {
      parseOptions(schema, { apiKey: SECRET, baseUrl: SECRET }, 'test provider');
      expect.unreachable();
    } catch (error) {
      expect(ReversalConfigError.isInstance(error)).toBe(true);
      const config = error as ReversalConfigError;
      expect(config.message).toBe('Invalid test provider configuration. apiKey: is invalid; baseUrl: must be a valid url. Fix these options and create the provider again.');
      expect(inspect(config, { depth: 5 })).not.toContain(SECRET);
    }
  });

  it("names a missing field with the hint its own schema gives", () => {
    const schema = v.object({
      consumerKey: v.pipe(v.string('is required: the Consumer Key of your app'), v.nonEmpty()),
      nested: v.object({ port: v.optional(v.number('must be a port number')) }),
      plain: v.string(),
    });
    try {
      parseOptions(schema, { nested: {} }, 'test provider');
      expect.unreachable();
    } catch (error) {
      expect((error as ReversalConfigError).issues).toEqual([
        { field: 'consumerKey', message: 'is required: the Consumer Key of your app' },
        { field: 'plain', message: 'is required' },
      ]);
    }
  });
});
