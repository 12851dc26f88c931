/** Required sections (config.requiredSections) matched against a certificate's H2s by their normalised key. */
import type { CertificateModel, Section } from '../../model/certificate';
import { sectionKey } from '../../parse/certificate';

export interface RequiredSection {
  /** As configured, e.g. `DECISION/OUTCOME`. */
  name: string;
  key: string;
  /** The first H2 with this key, if any. */
  section?: Section;
}

export function requiredSections(model: CertificateModel, required: readonly string[]): RequiredSection[] {
  return required.map((name) => {
    const key = sectionKey(name);
    return { name, key, section: model.sections.find((s) => s.key === key) };
  });
}

/**
 * An H2 that is probably meant as a missing required section: it contains the head word of the required title
 * (the last word of each `/` alternative: SCOPE, FINDINGS, DECISION or OUTCOME, EVIDENCE, SIGNATURE), e.g.
 * `DETAILED FINDINGS`, `ASSESSMENT SCOPE`, `FINAL VALIDATION DECISION`, and is not itself a required section.
 */
export function lookAlike(model: CertificateModel, req: RequiredSection, all: RequiredSection[]): Section | undefined {
  const heads = req.key.split('/').map((part) => part.trim().split(' ').pop()!).filter((w) => w.length > 2);
  return model.sections.find((s) => {
    if (all.some((r) => r.key === s.key)) return false;
    const words = s.key.split(/[\s/&,()-]+/);
    return heads.some((h) => words.includes(h));
  });
}
