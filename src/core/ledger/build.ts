/**
 * The ledger of a workspace, from its documents' summaries only: each certificate's component, who supersedes
 * whom, and each component's current certificate. Pure and synchronous; WorkspaceIndex.ledger() caches it until a
 * summary changes, so every document's workspace pass shares one.
 *
 * - Supersession is explicit (`**Supersedes**: <Certificate ID>`, which also joins the two components: the review
 *   that replaces another continues its history) or implicit: within a component, the latest certificate by Date,
 *   then Certificate ID, supersedes the earlier ones.
 * - The current certificate is the latest one that no other names in Supersedes. Certificates whose Date cannot be
 *   read sort first: they never displace a dated one.
 */
import type { Config } from '../config/schema';
import type { DocumentSummary } from '../summary';
import { componentOf, type ComponentName } from './component';
import type { CertificateFacts, ChecklistFacts } from './facts';

export interface LedgerCertificate {
  path: string;
  id?: string;
  facts: CertificateFacts;
  /** Its own component (before explicit supersession joined it to another). */
  own: ComponentName;
  /** The certificate that names it in Supersedes (the latest such), if any. */
  explicitlyBy?: LedgerCertificate;
  /** Set once the component's current certificate is known: the one that holds instead of this one. */
  supersededBy?: LedgerCertificate;
}

export interface LedgerComponent {
  key: string;
  name: string;
  /** Newest first (Date, then ID). */
  certificates: LedgerCertificate[];
  current: LedgerCertificate;
  /** Certificates other than the current one with its Date that no Supersedes orders against it. */
  sameDate: LedgerCertificate[];
}

export interface Ledger {
  /** By name. */
  components: LedgerComponent[];
  byPath: Map<string, LedgerCertificate>;
  componentOfPath: Map<string, LedgerComponent>;
  /** Component key (own or joined) -> its component. */
  byKey: Map<string, LedgerComponent>;
  byId: Map<string, LedgerCertificate[]>;
  checklists: { path: string; facts: ChecklistFacts }[];
}

/** Component names in a person's order (one collator: String.localeCompare builds one per call). */
const BY_NAME = new Intl.Collator('en');

/** Date, then Certificate ID, then path: older first. */
export function compareCertificates(a: LedgerCertificate, b: LedgerCertificate): number {
  const ta = a.facts.time ?? -Infinity;
  const tb = b.facts.time ?? -Infinity;
  if (ta !== tb) return ta < tb ? -1 : 1;
  const ia = a.id ?? '';
  const ib = b.id ?? '';
  if (ia !== ib) return ia < ib ? -1 : 1;
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

export function buildLedger(summaries: Iterable<DocumentSummary>, config: Config): Ledger {
  const certs: LedgerCertificate[] = [];
  const checklists: Ledger['checklists'] = [];
  for (const s of summaries) {
    const facts = s.ledger;
    if (facts?.kind === 'checklist') checklists.push({ path: s.path, facts });
    if (facts?.kind !== 'certificate') continue;
    const own = componentOf(config, s.path, facts.component);
    if (own) certs.push({ path: s.path, id: s.certificateId?.value, facts, own });
  }
  certs.sort(compareCertificates);
  checklists.sort((a, b) => (a.path < b.path ? -1 : 1));
  const byId = new Map<string, LedgerCertificate[]>();
  for (const c of certs) if (c.id) push(byId, c.id, c);

  // Explicit supersession, oldest superseder first, so the latest one to name a certificate is kept.
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let r = k;
    while (parent.has(r)) r = parent.get(r)!;
    return r;
  };
  for (const c of certs) {
    for (const s of c.facts.supersedes) {
      for (const old of byId.get(s.id) ?? []) {
        if (old === c) continue;
        old.explicitlyBy = c;
        const from = find(old.own.key);
        const to = find(c.own.key);
        if (from !== to) parent.set(from, to);
      }
    }
  }

  const groups = new Map<string, LedgerCertificate[]>();
  for (const c of certs) {
    push(groups, find(c.own.key), c);
  }
  const components: LedgerComponent[] = [];
  const byKey = new Map<string, LedgerComponent>();
  const componentOfPath = new Map<string, LedgerComponent>();
  for (const [key, list] of groups) {
    // A cycle of Supersedes leaves nothing standing: then the order by date decides among all of them.
    const standing = list.filter((c) => !c.explicitlyBy);
    const current = (standing.length ? standing : list).at(-1)!;
    const newestFirst = [...list].reverse();
    for (const c of list) if (c !== current) c.supersededBy = c.explicitlyBy ?? current;
    const name = displayName(list.filter((c) => c.own.key === key));
    const sameDate = current.facts.time === undefined
      ? []
      : standing.filter((c) => c !== current && c.facts.time === current.facts.time && c.explicitlyBy === undefined);
    const component: LedgerComponent = { key, name: name ?? current.own.name, certificates: newestFirst, current, sameDate };
    components.push(component);
    for (const c of list) {
      componentOfPath.set(c.path, component);
      byKey.set(c.own.key, component);
    }
    byKey.set(key, component);
  }
  components.sort((a, b) => BY_NAME.compare(a.name, b.name) || (a.key < b.key ? -1 : 1));
  return { components, byPath: new Map(certs.map((c) => [c.path, c])), componentOfPath, byKey, byId, checklists };
}

/** The name most of a component's certificates write (the earliest written on a tie): `Payments` over one `PAYMENTS`. */
function displayName(oldestFirst: readonly LedgerCertificate[]): string | undefined {
  const counts = new Map<string, number>();
  for (const c of oldestFirst) counts.set(c.own.name, (counts.get(c.own.name) ?? 0) + 1);
  let best: string | undefined;
  for (const [name, n] of counts) if (best === undefined || n > counts.get(best)!) best = name;
  return best;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
