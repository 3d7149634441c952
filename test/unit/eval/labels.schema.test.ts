import { parseLabelFile } from '../../../src/eval/labels.schema';

const rl = { present: true, strength: 'used' };

describe('parseLabelFile', () => {
  it('accepts the issue format and keeps extra fields such as split and why', () => {
    const labels = parseLabelFile(
      { documents: [{ file: 'a.pdf', skills: { rl }, publication_count: 2, split: 'heldout', why: { rl: 'ran PPO' } }] },
      'labels.json',
    );
    expect(labels.documents[0]).toMatchObject({ file: 'a.pdf', split: 'heldout', why: { rl: 'ran PPO' } });
  });

  it('names the field of a bad strength', () => {
    expect(() => parseLabelFile({ documents: [{ file: 'a.pdf', skills: { rl: { present: true, strength: 'expert' } } }] }, 'labels.json')).toThrow(
      /labels\.json: documents\[0\]\.skills\.rl\.strength/,
    );
  });

  it('refuses "present" that contradicts the strength', () => {
    expect(() => parseLabelFile({ documents: [{ file: 'a.pdf', skills: { rl: { present: true, strength: 'none' } } }] }, 'labels.json')).toThrow(
      /documents\[0\]\.skills\.rl: present must be true exactly when strength is not "none"/,
    );
  });

  it('refuses an unknown expected error code and a file labelled twice', () => {
    expect(() => parseLabelFile({ documents: [{ file: 'a.pdf', error: 'BROKEN' }] }, 'labels.json')).toThrow(/documents\[0\]\.error: expected an error code/);
    expect(() => parseLabelFile({ documents: [{ file: 'a.pdf' }, { file: 'a.pdf' }] }, 'labels.json')).toThrow(/documents\[1\]\.file: "a\.pdf" is labelled twice/);
  });

  it('reports every problem at once with the INVALID_INPUT code', () => {
    try {
      parseLabelFile({ documents: [{ skills: { rl } }, { file: 'b.pdf', publication_count: -1 }] }, 'labels.json');
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toMatchObject({ code: 'INVALID_INPUT' });
      expect((error as Error).message).toMatch(/documents\[0\]\.file/);
      expect((error as Error).message).toMatch(/documents\[1\]\.publication_count/);
    }
  });
});
