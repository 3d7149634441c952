import { mkdtemp, rm, writeFile } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';
import { ProfileError } from '../../../src/errors';
import { defaultProfile, loadProfile, parseProfile } from '../../../src/profile/load-profile';
import { formatIssuePath } from '../../../src/zod-issues';

describe('defaultProfile', () => {
  it('has exactly the five requirement ids, Python as the one must', () => {
    const profile = defaultProfile();
    expect(profile.id).toBe('research-engineer-tool-use');
    expect(profile.version).toBe('1.0.0');
    expect(profile.requirements.map((requirement) => requirement.id)).toEqual(['rl', 'lm_training', 'agents', 'publications', 'python']);
    expect(profile.requirements.filter((requirement) => requirement.priority === 'must').map((requirement) => requirement.id)).toEqual(['python']);
  });

  it('judges publications from the publications section', () => {
    const publications = defaultProfile().requirements.find((requirement) => requirement.id === 'publications');
    expect(publications?.sectionEvidence).toEqual(['publications']);
  });

  it('is parsed once and shared', () => {
    expect(defaultProfile()).toBe(defaultProfile());
  });
});

describe('parseProfile', () => {
  it('names the file and the field path of each problem', () => {
    const raw = {
      id: 'x',
      title: 'X',
      version: '1.0.0',
      requirements: [{ id: 'rl', label: 'RL', description: 'RL', priority: 'plus', evidence: { terms: [] } }],
    };
    expect(() => parseProfile(raw, 'profiles/x.yaml')).toThrow(ProfileError);
    expect(() => parseProfile(raw, 'profiles/x.yaml')).toThrow('profiles/x.yaml: requirements[0].evidence.terms: expected at least one term');
  });

  it('formats paths the way people write them', () => {
    expect(formatIssuePath(['requirements', 2, 'evidence', 'terms', 0])).toBe('requirements[2].evidence.terms[0]');
    expect(formatIssuePath([])).toBe('');
  });
});

describe('loadProfile', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'profile-test-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const yamlProfile = (terms: string): string =>
    [
      'id: tiny',
      'title: Tiny profile',
      'version: 1.0.0',
      'requirements:',
      '  - id: python',
      '    label: Python',
      '    description: Writes Python.',
      '    priority: must',
      '    evidence:',
      `      terms: ${terms}`,
    ].join('\n');

  it('loads a YAML profile and applies defaults', async () => {
    const path = join(dir, 'tiny.yaml');
    await writeFile(path, yamlProfile('[Python]'));
    const profile = await loadProfile(path);
    expect(profile.requirements[0]?.evidence.synonyms).toEqual([]);
    expect(profile.requirements[0]?.context.window).toBe(6);
  });

  it('reports a broken YAML profile with the file and the field', async () => {
    const path = join(dir, 'broken.yaml');
    await writeFile(path, yamlProfile('[]'));
    await expect(loadProfile(path)).rejects.toThrow(`${path}: requirements[0].evidence.terms: expected at least one term`);
  });

  it('reports YAML syntax errors and unreadable files with the path', async () => {
    const path = join(dir, 'syntax.yml');
    await writeFile(path, 'id: [unclosed');
    await expect(loadProfile(path)).rejects.toThrow(`${path}: not valid YAML`);
    const missing = join(dir, 'missing.json');
    await expect(loadProfile(missing)).rejects.toThrow(`${missing}: cannot read the profile file (ENOENT)`);
  });

  it('loads the bundled JSON profile from disk like any other', async () => {
    const profile = await loadProfile(join(__dirname, '../../../profiles/research-engineer.json'));
    expect(profile).toEqual(defaultProfile());
  });
});
