/**
 * Templates for "New Certificate" and "New Checklist", as VS Code snippets (tab stops for what the author must
 * write, a choice for the status). Pure (no import at all): the editor inserts them as snippets, `signoff mcp`'s
 * `new_document` renders them with snippetDefaults, and a unit test checks the rendered text with the real engine,
 * so a template never starts with findings other than empty sections.
 */

/** `YYYY-MM-DD HH:MM:SS UTC`, the header Date form. */
export function formatUtc(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC`;
}

/** `CERT-<AGENT>-<YYYYMMDD>-<HHMMSS>`: the date and time agree with Date (rule cert-id-date). */
export function certificateId(agent: string, d: Date): string {
  const tag = agent.toUpperCase().replace(/[^A-Z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'AGENT';
  const [date, time] = formatUtc(d).split(' ');
  return `CERT-${tag}-${date.replace(/-/g, '')}-${time.replace(/:/g, '')}`;
}

/** An agent name as written in headers: what the user gave, trimmed, on one line. */
export function cleanAgent(name: string): string {
  return name.replace(/\s+/g, ' ').trim();
}

/** Escapes text for a snippet body, where `$`, `}` and `\` are syntax. */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => '\\' + c);
}

/** A placeholder's default text: the component when one is given (escaped, on one line), else `fallback`. */
function defaultText(component: string | undefined, fallback: string, transform: (s: string) => string = (s) => s): string {
  const given = component === undefined ? '' : cleanAgent(component);
  return given ? escapeSnippet(transform(given)) : fallback;
}

/** `component`, when given, fills the title and the Component field (the editor leaves both to the author). */
export function certificateTemplate(agent: string, now: Date, component?: string): string {
  const a = escapeSnippet(cleanAgent(agent));
  const date = formatUtc(now);
  const id = escapeSnippet(certificateId(agent, now));
  return `# \${1:${defaultText(component, 'COMPONENT', (s) => s.toUpperCase())}} REVIEW CERTIFICATE

**Component**: \${2:${defaultText(component, 'What was reviewed')}}
**Agent**: ${a}
**Date**: ${date}
**Certificate ID**: ${id}

## REVIEW SCOPE

\${3}

## FINDINGS

## DECISION/OUTCOME

**Status**: \${4|APPROVED,CONDITIONALLY_APPROVED,REJECTED|}
**Rationale**: \${5:Why this verdict.}

## EVIDENCE

## SIGNATURE

Agent: ${a}
Timestamp: ${date}
Certificate Hash: \${6:pending}
`;
}

/** `component`, when given, names what is deployed in the title. */
export function checklistTemplate(agent: string, now: Date, component?: string): string {
  const a = escapeSnippet(cleanAgent(agent));
  const date = formatUtc(now);
  return `# \${1:${defaultText(component, 'Production', (s) => `${s} Production`)} Deployment} Checklist

---
**Document Version:** 1.0
**Scope:** \${2:What this deployment changes}
**Agent:** ${a}
**Date:** ${date}
---

## Deployment Validation Steps

### **Phase 1: \${3:Preparation}**

#### **Checks**
- [ ] **\${4:Build}**: \${5:the project builds from a clean checkout}
  \`\`\`bash
  \${6:echo ok}
  # Expected: \${7:ok}
  \`\`\`

**🚦 Phase 1 Go/No-Go Decision**
- ✅ **GO**: every task above passes
- ❌ **NO-GO**: any task fails
`;
}

/**
 * The text a snippet inserts when every placeholder keeps its default (first choice, default text, empty tab
 * stop), as VS Code resolves it. Used by the tests; handles exactly the syntax the templates use.
 */
export function snippetDefaults(snippet: string): string {
  let out = '';
  let i = 0;
  while (i < snippet.length) {
    const c = snippet[i];
    if (c === '\\' && i + 1 < snippet.length && '\\$}'.includes(snippet[i + 1])) {
      out += snippet[i + 1];
      i += 2;
    } else if (c === '$' && snippet[i + 1] === '{') {
      const close = findClose(snippet, i + 2);
      const body = snippet.slice(i + 2, close);
      const choice = /^\d+\|([^,|]*)/.exec(body);
      const placeholder = /^\d+:(.*)$/s.exec(body);
      out += choice ? choice[1] : placeholder ? snippetDefaults(placeholder[1]) : '';
      i = close + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function findClose(s: string, from: number): number {
  let depth = 1;
  for (let i = from; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '$' && s[i + 1] === '{') { depth++; i++; }
    else if (s[i] === '}' && --depth === 0) return i;
  }
  throw new Error('unbalanced snippet placeholder');
}
