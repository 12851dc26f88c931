/**
 * Decides what a Markdown document is (docs/recognition.md), and says why. Other Markdown is left alone.
 *
 * Every way to a kind but the directive and a Certificate ID field needs a word of the title: one of STRONG_WORDS
 * in the title (the first H1, else a first heading that is an H2, and a subtitle H1 or H2 right under it), or one
 * of WEAK_WORDS in the H1 itself. prescan.ts relies on that to rule a text out without parsing it (ATX headings of
 * depth 1 or 2 and setext H1s, after any front matter). Titles are compared in ASCII lower case (`asciiLower`),
 * decoration and emoji ignored.
 */
import type { Heading, Nodes, Root } from 'mdast';
import type { DocumentKind, Span } from '../types';
import { LineIndex } from '../text/line-index';
import { allHeadings, fieldsInRange, plainText, stripEmphasis } from './mdast-utils';
import { certificateIdOf, isHeaderKey, normalKey, readHeader } from './header';

/** `<!-- signoff: certificate|checklist|none -->` forces the kind (`ignore` is an older spelling of `none`). */
export const KIND_DIRECTIVE = /<!--\s*signoff:\s*(certificate|checklist|none|ignore)\s*-->/i;

/** Words of a certificate or a checklist that count in the title and in the subtitle, as they are written. */
export const STRONG_WORDS = ['certificate', 'certification', 'sign-off', 'signoff', 'sign off', 'checklist', 'no-go', 'no go', 'nogo', 'pre-flight', 'preflight'] as const;
/** Words of a review or a release operation: they count in the H1 only (a `## Release` section names nothing). */
export const WEAK_WORDS = ['review', 'release', 'deploy', 'launch', 'go-live', 'golive', 'go live', 'cutover', 'cut-over', 'rollout', 'roll-out', 'runbook', 'exit criteria'] as const;

const W = (body: string) => new RegExp(`(?<![a-z])(?:${body})(?![a-z])`);
/** A certificate word; `certificate` as the title's last word (a ` - X`, `: X` or `(X)` qualifier may follow). */
const CERT_WORD = W('certificate|certification|sign-?off|sign off');
const CERT_HEAD = /(?<![a-z])certificate(?![a-z])[^a-z0-9]*(?:[-–—:(].*)?$/;
const UPPER_CERT_TITLE = /CERTIFICATE(?:\s*(?:[-–—:]\s*.+|\(.+\)))?\s*$/;
const REVIEW_WORD = W('review');
const RECORD_WORD = W('record|decision|minutes');
const CHECKLIST_WORD = W('checklist|go\\s*/\\s*no-?go|no-go|pre-?flight');
const OPERATION_WORD = W('release|deploy|deployment|launch|go-?live|go live|cut-?over|roll-?out|runbook|exit criteria');
/** Words that mark a document as something else (a plan, a report ...). */
const OTHER_WORD = W('plans?|planning|roadmap|prd|requirements?|todo|to-do|tasks?|reports?|summary|charter|strategy|status|timeline|notes|guide|overview|index|readme|templates?|proposal|specs?|specification|design|analysis|memo|incident|faq|process|architecture|quick ?start|instructions|complete|completed|completion|procedures?');

/** Keys and values of a verdict: `**Status**: APPROVED`, `**Certification Decision:** CONDITIONAL GO`. */
const VERDICT_KEY = /(?:^|\s)(?:status|decision|verdict|outcome|recommendation|result|approval|certification)$/i;
const VERDICT_VALUE = /(?<![a-z])(?:approved|certified|go|no-go|pass|passed|conditional|conditionally|rejected|cleared|accepted|granted|production[- ]ready|ready for (?:launch|production|deployment|release))(?![a-z])/i;
const DECISION_SECTION = /decision|outcome|verdict|sign-?off|signature|approval|authori[sz]ation/i;
const NUMBERED = /^\d+(?:\.\d+)*[.)]?\s/;
const STEP_WORDS = /pre-?flight|precondition|pre-?check|go\s*\/\s*no-?go/i;
const GONOGO = /go\s*\/\s*no-?go|no-go/i;
const ROLLBACK = /rollback|roll back|roll-back/i;
const GATE_GONOGO = 'a Go/No-Go decision';
const GATE_PREFLIGHT = 'numbered pre-flight, precondition or Go/No-Go steps';

export interface KindDecision {
  kind?: DocumentKind;
  /** What decided it: the directive, the configuration or the content. */
  by: 'directive' | 'config' | 'content';
  /** The deciding signals, in words. */
  reasons: string[];
  /** For a document of neither kind: the kind it came close to (the editor offers the directive), and its title. */
  near?: DocumentKind;
  title?: Span;
}

export function asciiLower(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

export function detectKind(tree: Root, text: string): DocumentKind | undefined {
  return decideKind(tree, text).kind;
}

export function decideKind(tree: Root, text: string, lines = new LineIndex(text)): KindDecision {
  const d = decide(tree, text, lines);
  const node = d.near ? titleOf(tree, text)?.node : undefined;
  return node?.position ? { ...d, title: { start: node.position.start.offset ?? 0, end: node.position.end.offset ?? 0 } } : d;
}

function decide(tree: Root, text: string, lines: LineIndex): KindDecision {
  for (const node of tree.children) {
    if (node.type !== 'html') continue;
    const m = KIND_DIRECTIVE.exec(node.value);
    if (!m) continue;
    const k = asciiLower(m[1]);
    return k === 'certificate' || k === 'checklist'
      ? { kind: k, by: 'directive', reasons: [`directive <!-- signoff: ${k} -->`] }
      : { by: 'directive', reasons: [`directive <!-- signoff: ${k} -->`] };
  }
  const header = readHeader(tree, lines);
  const id = certificateIdOf(header.fields);
  if (id) return { kind: 'certificate', by: 'content', reasons: [`Certificate ID field ${header.where}`] };

  const title = titleOf(tree, text);
  if (!title) return { by: 'content', reasons: ['no title (an H1)'] };
  const t = asciiLower(title.text);
  /** The H1 alone: where the weak words count. */
  const h1 = title.node.depth === 1 ? asciiLower(title.own) : '';
  const quoted = JSON.stringify(title.text.trim().slice(0, 80));
  const other = OTHER_WORD.exec(t)?.[0];

  const checklistWord = CHECKLIST_WORD.exec(t)?.[0];
  // A Go/No-Go record, decision or minutes states a decision: it is a certificate of that decision.
  if (checklistWord && checklistWord !== 'checklist' && RECORD_WORD.test(t) && !/(?<![a-z])checklist(?![a-z])/.test(t)) {
    const verdict = verdictOf(tree, lines);
    if (verdict) return { kind: 'certificate', by: 'content', reasons: [`"${checklistWord}" and "record" in the title ${quoted}`, `verdict ${verdict}`] };
  }
  if (checklistWord) return { kind: 'checklist', by: 'content', reasons: [`"${checklistWord}" in the title ${quoted}`] };

  const certWord = CERT_WORD.exec(t)?.[0];
  if (certWord) {
    const headerKeys = header.fields.filter((f) => isHeaderKey(f.key)).map((f) => normalKey(f.key));
    const verdict = verdictOf(tree, lines);
    const decision = allHeadings(tree).find((h) => h.depth === 2 && DECISION_SECTION.test(plainText(h)));
    // `... CERTIFICATE` in capitals closing an H1 is the certificates' own convention: enough on its own.
    if (title.node.depth === 1 && UPPER_CERT_TITLE.test(title.own.trim())) return { kind: 'certificate', by: 'content', reasons: [`H1 ${quoted} ends in "CERTIFICATE"`] };
    if (CERT_HEAD.test(t.trim()) && (headerKeys.length || verdict || decision)) {
      const why = headerKeys.length ? `header fields ${headerKeys.slice(0, 4).join(', ')}` : verdict ? `verdict ${verdict}` : `section "${plainText(decision!).trim()}"`;
      return { kind: 'certificate', by: 'content', reasons: [`title ${quoted} ends in "certificate"`, why] };
    }
    if (verdict) return { kind: 'certificate', by: 'content', reasons: [`"${certWord}" in the title ${quoted}`, `verdict ${verdict}`] };
    // Close to a certificate only with something of one besides the title (a how-to about TLS certificates is not).
    if (!headerKeys.length && !decision) return { by: 'content', reasons: [`"${certWord}" in the title ${quoted}, but no header fields, verdict or decision section`] };
    return { by: 'content', near: 'certificate', reasons: [`"${certWord}" in the title ${quoted}, but no verdict (a Status, Decision or Verdict field with APPROVED, CERTIFIED, GO ...)`] };
  }

  if (REVIEW_WORD.test(h1) && !other) {
    const headerKeys = header.fields.filter((f) => isHeaderKey(f.key)).map((f) => normalKey(f.key));
    const verdict = verdictOf(tree, lines);
    if (headerKeys.length >= 2 && verdict) return { kind: 'certificate', by: 'content', reasons: [`"review" in the title ${quoted}`, `header fields ${headerKeys.slice(0, 4).join(', ')}`, `verdict ${verdict}`] };
    if (headerKeys.length >= 2 || verdict) return { by: 'content', near: 'certificate', reasons: [`"review" in the title ${quoted}, but not both header fields (Component, Agent, Date ...) and a verdict`] };
  }

  const operation = OPERATION_WORD.exec(h1)?.[0];
  if (operation) {
    const body = checklistBody(tree, text);
    // A cut-over or release *plan* worked through with a Go/No-Go decision at each step is a checklist all the same.
    if (other && /^plans?$/.test(other) && body.steps && body.gonogos >= 3) return { kind: 'checklist', by: 'content', reasons: [`"${operation}" in the title ${quoted}`, body.steps, `${body.gonogos} Go/No-Go decision fields`] };
    if (other) {
      return body.steps && body.gates.length
        ? { by: 'content', near: 'checklist', reasons: [`"${operation}" in the title ${quoted}, but also "${other}"`] }
        : { by: 'content', reasons: [`"${operation}" in the title ${quoted}, but also "${other}"`] };
    }
    // An operations runbook (failover, restore, incidents) is not a release checklist: a runbook needs pre-flight steps or a Go/No-Go.
    if (operation === 'runbook' && !body.gates.some((g) => g === GATE_GONOGO || g === GATE_PREFLIGHT)) {
      return { by: 'content', reasons: [`"runbook" in the title ${quoted}, but no pre-flight steps or Go/No-Go decision`] };
    }
    if (body.steps && body.gates.length) return { kind: 'checklist', by: 'content', reasons: [`"${operation}" in the title ${quoted}`, body.steps, ...body.gates] };
    if (body.steps || body.gates.length) return { by: 'content', near: 'checklist', reasons: [`"${operation}" in the title ${quoted}, but ${body.steps ? 'no Go/No-Go decision, rollback section or commands under tasks' : 'no task items or numbered steps'}`] };
    return { by: 'content', reasons: [`"${operation}" in the title ${quoted}, but no task items or numbered steps`] };
  }
  return { by: 'content', reasons: [`the title ${quoted} names no certificate or checklist`] };
}

/**
 * The first H1 after any YAML front matter (else a first heading that is an ATX H2), and a subtitle heading (H1, ATX H2)
 * right under it when the title itself names nothing (`# Acme Platform` / `## Production Readiness Certificate`).
 */
function titleOf(tree: Root, text: string): { text: string; own: string; node: Heading } | undefined {
  const after = frontMatterEnd(text);
  const headings = allHeadings(tree).filter((x) => (x.position?.start.offset ?? 0) >= after);
  // An H2 counts only written `## ...` (a paragraph over a `---` line is a setext H2 too, but rarely meant as one).
  const atx2 = (x: Heading | undefined) => !!x && x.depth === 2 && text.charCodeAt(x.position?.start.offset ?? -1) === 35;
  const h = headings.find((x) => x.depth === 1) ?? (atx2(headings[0]) ? headings[0] : undefined);
  if (!h) return undefined;
  const own = plainText(h);
  const i = tree.children.indexOf(h);
  const next = i >= 0 ? tree.children[i + 1] : undefined;
  const named = (s: string) => [CERT_WORD, REVIEW_WORD, CHECKLIST_WORD, OPERATION_WORD, OTHER_WORD].some((re) => re.test(asciiLower(s)));
  if (next && next.type === 'heading' && (next.depth === 1 || atx2(next)) && !named(own)) return { text: own + ' / ' + plainText(next), own, node: h };
  return { text: own, own, node: h };
}

/** The offset after a leading `---` ... `---` block (YAML front matter, which remark reads as a heading). */
export function frontMatterEnd(text: string): number {
  const m = /^---[ \t]*\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  return m ? m[0].length : 0;
}

/** A verdict anywhere: a `**Status**: APPROVED`-like field, or a heading `Certification Decision: GO`. */
function verdictOf(tree: Root, lines: LineIndex): string | undefined {
  const check = (key: string, value: string) => VERDICT_KEY.test(normalKey(key).replace(/[^A-Za-z ]+/g, ' ').trim()) && VERDICT_VALUE.test(stripEmphasis(value));
  for (const f of boldFields(lines.text)) if (check(f.key, f.value)) return `${f.key}: ${f.value.slice(0, 40)}`;
  for (const f of fieldsInRange(lines, 0, lines.text.length, true)) {
    if (check(f.key, f.value)) return `${normalKey(f.key)}: ${stripEmphasis(f.value).slice(0, 40)}`;
  }
  for (const h of allHeadings(tree)) {
    const m = /^([^:]{1,60}):\s*(.+)$/.exec(plainText(h).trim());
    if (m && check(m[1], m[2])) return `${m[1].trim()}: ${m[2].slice(0, 40)}`;
  }
  return undefined;
}

/**
 * `**Key**: value` and `**Key:** value` anywhere in a line (wrapped prose holds several: `**Date:** x **Decision:**
 * GO`); the value runs to the next `**` or the line's end.
 */
function boldFields(text: string): { key: string; value: string }[] {
  const out: { key: string; value: string }[] = [];
  for (const m of text.matchAll(/\*\*([^*\n]{1,60}?)(?::\*\*|\*\*[ \t]*:)[ \t]*(\*\*[^*\n]+\*\*|[^*\n]*)/g)) {
    out.push({ key: m[1].trim(), value: m[2].replace(/\*\*/g, '').trim() });
  }
  return out;
}

/** What makes a release or deployment document a checklist: steps to work through and gates. */
function checklistBody(tree: Root, text: string): { steps?: string; gates: string[]; gonogos: number } {
  const tasks = (text.match(/^\s*[-*+]\s+\[[ xX]\]/gm) ?? []).length;
  const headings = allHeadings(tree);
  const numbered = headings.filter((h) => h.depth >= 2 && NUMBERED.test(plainText(h).trim()));
  const preflight = numbered.filter((h) => STEP_WORDS.test(plainText(h))).length;
  const steps = tasks >= 3 ? `${tasks} task items` : numbered.length >= 3 && preflight ? `${numbered.length} numbered sections` : undefined;
  const gates: string[] = [];
  // Go/No-Go decisions written as fields (`**Go/No-Go Decision**: GO / NO-GO`), one per step of a plan worked through.
  const gonogos = boldFields(text).filter((f) => GONOGO.test(f.key)).length;
  if (gonogos || headings.some((h) => GONOGO.test(plainText(h)))) gates.push(GATE_GONOGO);
  if (headings.some((h) => h.depth >= 2 && ROLLBACK.test(plainText(h)))) gates.push('a rollback section');
  if (preflight) gates.push(GATE_PREFLIGHT);
  if (snippetUnderTask(tree)) gates.push('commands under task items');
  return { steps, gates, gonogos };
}

function snippetUnderTask(tree: Root): boolean {
  const stack: Nodes[] = [tree];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'listItem' && typeof n.checked === 'boolean' && n.children.some((c) => c.type === 'code')) return true;
    if ('children' in n && n.type !== 'paragraph' && n.type !== 'heading' && n.type !== 'table') for (const c of n.children) stack.push(c as Nodes);
  }
  return false;
}
