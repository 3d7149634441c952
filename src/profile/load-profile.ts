import { readFile } from 'fs/promises';
import { extname } from 'path';
import { parse as parseYaml } from 'yaml';
import { ProfileError } from '../errors';
import { describeIssues } from '../zod-issues';
import { ProfileSchema, type Profile } from './profile.schema';
import profileJson from '../../profiles/research-engineer.json';

/**
 * Validates an already-parsed profile object. Every problem is reported at once, each naming the
 * file and the field ("profiles/x.yaml: requirements[2].evidence.terms: expected at least one term").
 */
export function parseProfile(raw: unknown, source: string): Profile {
  const result = ProfileSchema.safeParse(raw);
  if (!result.success) {
    const problems = describeIssues(result.error.issues, '(profile)').map((problem) => `${source}: ${problem}`);
    throw new ProfileError(`${problems.join('; ')}. Fix the profile file and try again.`);
  }
  return result.data;
}

function looksLikeJson(path: string, text: string): boolean {
  const extension = extname(path).toLowerCase();
  if (extension === '.json') return true;
  if (extension === '.yaml' || extension === '.yml') return false;
  return text.trimStart().startsWith('{');
}

/** Reads a profile from a JSON or YAML file (by extension, else by content) and validates it. */
export async function loadProfile(path: string): Promise<Profile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new ProfileError(`${path}: cannot read the profile file (${code}); check the path and its permissions.`, {
      cause: error,
    });
  }
  const asJson = looksLikeJson(path, text);
  let raw: unknown;
  try {
    raw = asJson ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ProfileError(`${path}: not valid ${asJson ? 'JSON' : 'YAML'} (${detail}); fix the syntax and try again.`, {
      cause: error,
    });
  }
  return parseProfile(raw, path);
}

let cachedDefault: Profile | undefined;

/** The bundled research-engineer profile, validated once and then shared (treat it as read-only). */
export function defaultProfile(): Profile {
  cachedDefault ??= parseProfile(profileJson, 'profiles/research-engineer.json');
  return cachedDefault;
}
