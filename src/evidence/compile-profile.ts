/**
 * A profile compiled for matching: all terms of all requirements in one index, context cues as
 * word sequences. Compiled once per profile object and cached, so tagging a batch of résumés
 * pays for it once.
 */
import type { Section } from '../extract/document.schema';
import type { Profile, Requirement } from '../profile/profile.schema';
import { compileCues, type CueSet } from './context';
import { compileTermIndex, type TermIndex, type TermKind, type TermSource } from './match-terms';

export interface CompiledRequirement {
  requirement: Requirement;
  /** Everything searched for, in profile order, without duplicates. */
  lookedFor: string[];
  exclude: CueSet;
  boost: CueSet;
  window: number;
  sectionEvidence: Set<Section>;
}

export interface CompiledProfile {
  requirements: CompiledRequirement[];
  terms: TermIndex;
}

const cache = new WeakMap<Profile, CompiledProfile>();

function termSources(requirement: Requirement, requirementIndex: number): TermSource[] {
  const { terms, synonyms, acronyms, phrases } = requirement.evidence;
  const groups: Array<[TermKind, readonly string[]]> = [
    ['term', terms],
    ['synonym', synonyms],
    ['acronym', acronyms],
    ['phrase', phrases],
  ];
  return groups.flatMap(([kind, values]) => values.map((term) => ({ requirementIndex, term, kind })));
}

export function compileProfile(profile: Profile): CompiledProfile {
  const cached = cache.get(profile);
  if (cached) return cached;
  const sources: TermSource[] = [];
  const requirements = profile.requirements.map((requirement, index) => {
    const own = termSources(requirement, index);
    sources.push(...own);
    return {
      requirement,
      lookedFor: [...new Set(own.map((source) => source.term))],
      exclude: compileCues(requirement.context.exclude),
      boost: compileCues(requirement.context.boost),
      window: requirement.context.window,
      sectionEvidence: new Set(requirement.sectionEvidence),
    };
  });
  const compiled: CompiledProfile = { requirements, terms: compileTermIndex(sources) };
  cache.set(profile, compiled);
  return compiled;
}
