import { tagEvidence } from '../../../src/evidence/tag-evidence';
import { defaultProfile } from '../../../src/profile/load-profile';
import { levelOf, makeDocument, makeResume, requirement } from './make-document';

/** Rules added after reviewing the demo set against the label rules of fixtures/labeled/README.md. */
const profile = defaultProfile();


describe('tagEvidence: other senses of acronyms', () => {
  it('ignores "RL" as a reduced level in surveying', () => {
    const evidence = tagEvidence(makeDocument(['- Checked pile caps against reduced levels (RL +4.250 m) from the site survey.']), profile);
    const rl = requirement(evidence, 'rl');
    expect(rl.level).toBe('none');
    expect(rl.ignored[0]?.rule).toBe('other-sense');
  });

  it('ignores an acronym directly followed by a signed number or a length, but not by a model size', () => {
    expect(levelOf(['- Set out the slab soffit at RL 12.40 m'], 'rl')).toBe('none');
    expect(levelOf(['- Trained PPO policies for 3 robot arms'], 'rl')).toBe('used');
  });
});

describe('tagEvidence: what counts for which requirement', () => {
  it('counts a reward model trained for DPO as language-model training, not reinforcement learning', () => {
    const lines = ['- Trained a reward model on 20k comparisons and ran DPO on a 1B model'];
    expect(levelOf(lines, 'rl')).toBe('none');
    expect(levelOf(lines, 'lm_training')).toBe('used');
  });

  it('still counts reward models for reinforcement learning when an RL method is named with them', () => {
    expect(levelOf(['- Trained reward models and ran PPO for our chat model'], 'rl')).toBe('used');
  });

  it('counts training n-gram LMs for speech recognition as language-model training', () => {
    expect(levelOf(['- Trained n-gram LMs for speech recognition rescoring'], 'lm_training')).toBe('used');
  });

  it('counts managing an agents product without building it as a mention only', () => {
    const evidence = tagEvidence(makeDocument(['- Product manager for an AI agents platform used by 40 teams']), profile);
    const agents = requirement(evidence, 'agents');
    expect(agents.level).toBe('mentioned');
    expect(agents.items[0]?.rule).toBe('managed-product');
    expect(levelOf(['- Built LLM agents that book meetings through calendar tools'], 'agents')).toBe('used');
  });
});

describe('tagEvidence: lead words', () => {
  it('a lead verb opening the line makes the whole clause strong, however far the match is', () => {
    const line = '- Lead a group of four students working on cooperative multi-agent RL.';
    expect(levelOf([line], 'rl')).toBe('strong');
    expect(levelOf([line], 'agents')).toBe('strong');
  });

  it('a lead verb does not reach into a later clause', () => {
    expect(levelOf(['- Led the data platform migration; later ran a few PPO experiments on language models'], 'rl')).toBe('used');
  });
});

describe('tagEvidence: publication claims', () => {
  it('counts "published at NLP venues" without a list as a mention', () => {
    const evidence = tagEvidence(makeDocument(['Some of my work has been published at NLP venues (details on request).'], 'summary'), profile);
    expect(requirement(evidence, 'publications').level).toBe('mentioned');
    expect(evidence.publications).toEqual([]);
  });

  it('counts a publications section without entries ("Available upon request") as a mention', () => {
    const document = makeResume({ header: ['Avery Quillon'], publications: ['Available upon request'] });
    const evidence = tagEvidence(document, profile);
    const publications = requirement(evidence, 'publications');
    expect(publications.level).toBe('mentioned');
    expect(publications.items[0]?.rule).toBe('section-claim');
    expect(evidence.publications).toEqual([]);
  });

  it('a publications section that says it is empty is not a claim', () => {
    const document = makeResume({ header: ['Avery Quillon'], publications: ['None yet'] });
    expect(requirement(tagEvidence(document, profile), 'publications').level).toBe('none');
  });

  it('ignores editorial jobs and conference service', () => {
    expect(levelOf(['Publications officer at the city council'], 'publications')).toBe('none');
    expect(levelOf(['- Area chair, ACL 2024'], 'publications', 'other')).toBe('none');
  });

  it('counts a wrapped entry once when its venue is on the second line', () => {
    const document = makeResume({
      header: ['Avery Quillon'],
      publications: ['Ito, B., Quillon, A. Data mixtures for small code models.', 'EMNLP 2023 Workshop on Efficient NLP.'],
    });
    const evidence = tagEvidence(document, profile);
    expect(evidence.publications).toHaveLength(1);
    expect(evidence.publications[0]).toMatchObject({ venue: 'EMNLP Workshop', year: 2023 });
    expect(requirement(evidence, 'publications').level).toBe('used');
  });
});
