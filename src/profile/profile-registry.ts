import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ProfileError } from '../errors';
import { defaultProfile, parseProfile } from './load-profile';
import type { Profile } from './profile.schema';

export interface ProfileSummary {
  id: string;
  version: string;
  title: string;
}

/**
 * Every profile a service or worker knows, by id. `get("id")` is the latest version;
 * `get("id@1.2.0")` is that exact version, which is what job payloads carry so a report is always
 * built with the profile it was submitted against.
 */
export interface ProfileRegistry {
  /** The latest version of each profile, sorted by id. */
  list(): ProfileSummary[];
  get(ref: string): Profile | undefined;
}

export function profileRef(profile: Pick<Profile, 'id' | 'version'>): string {
  return `${profile.id}@${profile.version}`;
}

function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let index = 0; index < 3; index += 1) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** Reads a profile file synchronously (start-up only), so a service can be created without awaiting. */
function readProfileFile(path: string): Profile {
  const source = readFileSync(path, 'utf8');
  let raw: unknown;
  try {
    raw = path.endsWith('.json') ? JSON.parse(source) : parseYaml(source);
  } catch (error) {
    throw new ProfileError(`${path}: not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}; fix its syntax.`, { cause: error });
  }
  return parseProfile(raw, path);
}

export function createProfileRegistry(profiles: readonly Profile[]): ProfileRegistry {
  const byRef = new Map<string, Profile>();
  const latest = new Map<string, Profile>();
  for (const profile of profiles) {
    // A later file with the same id@version replaces the built-in: a deployment may override it.
    byRef.set(profileRef(profile), profile);
    const current = latest.get(profile.id);
    if (!current || compareVersions(profile.version, current.version) >= 0) latest.set(profile.id, profile);
  }
  return {
    list: () =>
      [...latest.values()]
        .map(({ id, version, title }) => ({ id, version, title }))
        .sort((a, b) => a.id.localeCompare(b.id)),
    get: (ref) => (ref.includes('@') ? byRef.get(ref) : latest.get(ref)),
  };
}

/** The built-in profile plus every *.json / *.yaml / *.yml in `profilesDir`. */
export function loadProfileRegistry(options: { profilesDir?: string | undefined }): ProfileRegistry {
  const profiles: Profile[] = [defaultProfile()];
  if (options.profilesDir) {
    const dir = options.profilesDir;
    const files = readdirSync(dir)
      .filter((name) => /\.(json|ya?ml)$/i.test(name))
      .sort();
    for (const name of files) profiles.push(readProfileFile(join(dir, name)));
  }
  return createProfileRegistry(profiles);
}
