import { acronymExpansion } from '../../../src/evidence/domain-context';
import { findTermMatches } from '../../../src/evidence/match-terms';
import { compileProfile } from '../../../src/evidence/compile-profile';
import { tagEvidence } from '../../../src/evidence/tag-evidence';
import { tokenize } from '../../../src/evidence/tokenize';
import { defaultProfile } from '../../../src/profile/load-profile';
import { levelOf, makeDocument, makeResume, requirement } from './make-document';

/**
 * Ambiguous words (agent, RL, PPO, fine-tuned, reward model, Python, ...) count only with positive
 * context from the field; unambiguous terms match as before. Lines are invented for these tests.
 */
const profile = defaultProfile();


describe('tagEvidence: ambiguous words need context from the field', () => {
  it('does not take a registered agent for an AI agent', () => {
    const evidence = tagEvidence(makeDocument(['- Served as registered agent for 40 client companies in three states']), profile);
    const agents = requirement(evidence, 'agents');
    expect(agents.level).toBe('none');
    expect(agents.ignored[0]?.rule).toBe('no-field-context');
  });

  it('counts an LLM assistant that calls APIs as agents evidence', () => {
    expect(levelOf(['- Built an LLM-driven assistant that calls internal APIs to file expense reports'], 'agents')).toBe('used');
  });

  it('counts "agents" inside an ML compound such as "LLM agents"', () => {
    expect(levelOf(['- Built LLM agents that triage support tickets'], 'agents')).toBe('used');
  });

  it('does not count tool use in a woodworking workshop', () => {
    expect(levelOf(['- Ran weekend workshops on safe tool use for beginners'], 'agents')).toBe('none');
  });

  it('does not count a fine-tuned business process as language-model training', () => {
    expect(levelOf(['- Fine-tuned the quarterly close so reconciliations finish a day earlier'], 'lm_training')).toBe('none');
  });

  it('counts fine-tuning when a model is named as what was tuned', () => {
    expect(levelOf(['- Fine-tuned a 7B model on support transcripts'], 'lm_training')).toBe('used');
  });

  it('does not take a reward model in pay design for language-model training', () => {
    expect(levelOf(['- Redesigned the reward model for 300 store staff: base pay, bonus and recognition'], 'lm_training')).toBe('none');
  });

  it('does not take pre-training as onboarding for language-model training', () => {
    expect(levelOf(['- Ran pre-training sessions for new hires before their first shift'], 'lm_training')).toBe('none');
  });

  it('does not take an acronym for its ML sense when it is written out as something else', () => {
    const evidence = tagEvidence(makeDocument(['- Run the SFT (secure file transfer) gateway for partner banks']), profile);
    expect(requirement(evidence, 'lm_training').level).toBe('none');
    expect(requirement(evidence, 'lm_training').ignored[0]?.rule).toBe('other-sense');
  });

  it('reads an acronym expansion before or after it', () => {
    const line = 'Studied reinforcement learning (RL) and secure file transfer (SFT)';
    const matches = findTermMatches(compileProfile(profile).terms, tokenize(line));
    const rl = matches.find((match) => match.pattern.term === 'RL');
    const sft = matches.find((match) => match.pattern.term === 'SFT');
    expect(rl && acronymExpansion(line, rl)).toBe('reinforcement learning');
    expect(sft && acronymExpansion(line, sft)).toBe('secure file transfer');
  });

  it('does not take a PPO health plan or a DPO officer for ML in a document with no ML', () => {
    const document = makeResume({
      experience: ['- Enrolled 200 employees in the PPO plan during open enrolment', '- Reported to the DPO on records requests'],
    });
    const evidence = tagEvidence(document, profile);
    expect(requirement(evidence, 'rl').level).toBe('none');
    expect(requirement(evidence, 'lm_training').level).toBe('none');
  });

  it('lets an acronym in a skills list lean on ML work elsewhere in the document', () => {
    const document = makeResume({
      experience: ['- Trained language models with RLHF for a chat product', '- Built PyTorch training loops for neural rankers'],
      skills: ['Methods: SFT, DPO, PPO'],
    });
    const evidence = tagEvidence(document, profile);
    expect(requirement(evidence, 'lm_training').items.some((item) => item.matched === 'SFT')).toBe(true);
    expect(requirement(evidence, 'rl').items.some((item) => item.matched === 'PPO')).toBe(true);
  });

  it('still counts unambiguous terms without any context', () => {
    expect(levelOf(['- Implemented policy gradient baselines'], 'rl')).toBe('used');
    expect(levelOf(['- Wrote the data loaders in PyTorch'], 'python')).toBe('used');
  });

  it('does not take ACL as a knee ligament for a venue', () => {
    expect(levelOf(['- Rehabilitated 40 athletes after ACL tears'], 'publications', 'other')).toBe('none');
  });

  it('does not take papers served in a case for publications', () => {
    expect(levelOf(['- Served case papers on vendors and kept the evidence log'], 'publications')).toBe('none');
  });

  it('does not take a Python in a reptile house for the language when the document is not about software', () => {
    expect(levelOf(['- Fed and weighed the Python and the two boas every week'], 'python')).toBe('none');
  });

  it('counts Python with a software word on the line', () => {
    expect(levelOf(['- Wrote Python scripts that rename camera files'], 'python')).toBe('used');
  });
});

describe('tagEvidence: new evidence phrasing', () => {
  it('counts Thompson sampling as reinforcement learning', () => {
    expect(levelOf(['- Ran Thompson sampling for the homepage ranking experiments'], 'rl')).toBe('used');
  });

  it('counts REINFORCE with a policy as reinforcement learning', () => {
    expect(levelOf(['- Trained the query-rewriting policy with REINFORCE on click rewards'], 'rl')).toBe('used');
  });
});

describe('tagEvidence: levels from how the work is described', () => {
  it('counts something explored but never deployed as a mention', () => {
    expect(levelOf(['- Explored LLM agents for ticket triage; we never deployed them'], 'agents')).toBe('mentioned');
    expect(levelOf(['- Built LLM agents for ticket triage; used by 20 teams'], 'agents')).toBe('used');
  });

  it('counts a reading group on a topic as a mention, not work', () => {
    expect(levelOf(['- Run a reading group on RLHF'], 'rl')).toBe('mentioned');
  });

  it('an "Own ...:" clause makes the detail after the colon strong', () => {
    expect(levelOf(['- Own the pricing engine: an actor-critic learner trained on logged auctions'], 'rl')).toBe('strong');
  });

  it('being the maintainer of a package on PyPI is strong Python evidence, even in a summary', () => {
    expect(levelOf(['Author and maintainer of a log-rotation tool on PyPI.'], 'python', 'summary')).toBe('strong');
  });

  it('a class project is used, coursework alone a mention', () => {
    expect(levelOf(['- Capstone project: built LLM agents that plan grocery orders'], 'agents', 'education')).toBe('used');
    expect(levelOf(['Reinforcement learning (coursework only)'], 'rl', 'education')).toBe('mentioned');
  });

  it('writing guidance about a topic is not doing it', () => {
    expect(levelOf(['- Drafted the school guidance on agentic AI tools for teachers'], 'agents')).toBe('none');
  });
});
