import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from './config-error.js';
import { configSchema } from './config-schema.js';
import { resolveConfig, type Config } from './resolve-config.js';

export const DEFAULT_CONFIG_PATH = 'config/pulsagate.yaml';

export interface LoadOptions {
  /** `--config`; else PULSAGATE_CONFIG; else config/pulsagate.yaml when it exists; else defaults. */
  readonly path?: string | undefined;
  /** `--db`; else PULSAGATE_DB; else `database.path` of the file. */
  readonly dbPath?: string | undefined;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

/** Loads, validates as a whole and freezes the operator's configuration. Throws ConfigError. */
export function loadConfig(options: LoadOptions = {}): Config {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const explicit = options.path ?? env.PULSAGATE_CONFIG;
  const file = resolve(cwd, explicit ?? DEFAULT_CONFIG_PATH);
  let raw: unknown = {};
  if (explicit !== undefined || existsSync(file)) raw = readYaml(file);
  return parseConfig(raw, {
    file: explicit !== undefined || existsSync(file) ? file : '(embedded defaults)',
    dbPath: options.dbPath ?? env.PULSAGATE_DB,
    env,
    cwd,
  });
}

export interface ParseContext {
  readonly file: string;
  readonly dbPath?: string | undefined;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

/** Validates an already-read document (tests use this with plain objects). */
export function parseConfig(raw: unknown, ctx: ParseContext): Config {
  const parsed = configSchema.safeParse(raw ?? {});
  if (!parsed.success) throw new ConfigError(ctx.file, parsed.error.issues.map(describeIssue));
  return resolveConfig(parsed.data, ctx);
}

function readYaml(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(file, [{ path: '', message: `cannot read the file (${(e as NodeJS.ErrnoException).code ?? e})` }]);
  }
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(file, doc.errors.map((e) => ({ path: '', message: `YAML: ${e.message}` })));
  }
  return doc.toJS();
}

function describeIssue(issue: z.core.$ZodIssue): { path: string; message: string } {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return { path, message: `unknown key(s): ${issue.keys.join(', ')}` };
  }
  return { path, message: issue.message };
}
