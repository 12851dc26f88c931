/**
 * Dates as certificates write them. The canonical form is `YYYY-MM-DD HH:MM:SS UTC`; ISO forms of the same instant
 * (`2025-08-23T06:00:00Z`) are recognised so they can be compared and rewritten. Everything here is UTC: a Date
 * object is only ever built with Date.UTC.
 */

export const CANONICAL_FORM = 'YYYY-MM-DD HH:MM:SS UTC';

const CANONICAL = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) UTC$/;
/** ISO-like: date, `T` or space, time with optional seconds and fraction, then Z / UTC / GMT / an offset, or nothing. */
const LOOSE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|UTC|GMT|UTC[+-]00:?00|[+-]\d{2}:?\d{2})?$/i;

/** Milliseconds since the epoch of a valid UTC date-time, or undefined when a field is out of range. */
function utc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const t = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(t);
  // Date.UTC rolls 2025-02-30 over to March: reject such dates instead.
  if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1) return undefined;
  return t;
}

/** The instant of a canonical `YYYY-MM-DD HH:MM:SS UTC` value, or undefined when it is not in that exact form. */
export function parseCanonical(value: string): number | undefined {
  const m = CANONICAL.exec(value.trim());
  if (!m) return undefined;
  return utc(+m[1], +m[2], +m[3], +m[4], +m[5], +m[6]);
}

export interface LooseDate {
  time: number;
  /** The value names its zone (Z, UTC, GMT, an offset): the instant is certain. */
  zoned: boolean;
  /** The value has a time of day (a bare date is midnight, and not the same instant as anything precise). */
  hasTime: boolean;
}

/** A recognisable date-time in any of the forms seen in certificates (canonical included), or undefined. */
export function parseLoose(value: string): LooseDate | undefined {
  const v = value.replace(/[*_`]/g, '').trim();
  const m = LOOSE.exec(v);
  if (!m) return undefined;
  const hasTime = m[4] !== undefined;
  const base = utc(+m[1], +m[2], +m[3], hasTime ? +m[4] : 0, hasTime ? +m[5] : 0, m[6] ? +m[6] : 0);
  if (base === undefined) return undefined;
  const zone = m[7]?.toUpperCase();
  let offsetMinutes = 0;
  const off = zone && /([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (off) offsetMinutes = (off[1] === '-' ? -1 : 1) * (+off[2] * 60 + +off[3]);
  return { time: base - offsetMinutes * 60_000, zoned: !!zone, hasTime };
}

const pad = (n: number) => String(n).padStart(2, '0');

export function formatCanonical(time: number): string {
  const d = new Date(time);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
}

/** A date (and maybe a time) embedded in a Certificate ID or a file name. Missing parts are undefined. */
export interface EmbeddedDate {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  /** Offsets of the date-time text inside the searched string. */
  start: number;
  end: number;
}

function validDate(y: number, mo: number, d: number): boolean {
  return y >= 1990 && y <= 2099 && utc(y, mo, d) !== undefined;
}

/** Reads `HHMMSS`, `HHMM` or `HH` from the start of a digit string; only the parts that form a valid time. */
function timeFrom(digits: string): Pick<EmbeddedDate, 'hour' | 'minute' | 'second'> & { used: number } {
  const h = +digits.slice(0, 2);
  const mi = +digits.slice(2, 4);
  const s = +digits.slice(4, 6);
  if (digits.length >= 6 && h < 24 && mi < 60 && s < 60) return { hour: h, minute: mi, second: s, used: 6 };
  if (digits.length >= 4 && h < 24 && mi < 60) return { hour: h, minute: mi, used: 4 };
  if (digits.length >= 2 && h < 24) return { hour: h, used: 2 };
  return { used: 0 };
}

/**
 * The first date in an identifier: `20250824`, `20250824-203200`, `20250824203200`, `2025082422` (date + hour),
 * `2025-08-24[-203200]`, `2025-0824[-120000]`. Runs of digits are taken whole, so a hex or UUID fragment
 * (`8d3e-4a1f`) or a sequence number (`-001`) is never read as a date.
 */
export function embeddedDate(id: string): EmbeddedDate | undefined {
  const runs: { digits: string; start: number; end: number }[] = [];
  const re = /\d+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(id))) runs.push({ digits: m[0], start: m.index, end: m.index + m[0].length });
  const sepBetween = (a: { end: number }, b: { start: number }) => b.start - a.end === 1 && /[-_./]/.test(id[a.end]);
  for (let i = 0; i < runs.length; i++) {
    const r = runs[i];
    const d = r.digits;
    if (d.length >= 8) {
      const y = +d.slice(0, 4), mo = +d.slice(4, 6), day = +d.slice(6, 8);
      if (!validDate(y, mo, day)) continue;
      const out: EmbeddedDate = { year: y, month: mo, day, start: r.start, end: r.start + 8 };
      if (d.length > 8) {
        const t = timeFrom(d.slice(8));
        Object.assign(out, { hour: t.hour, minute: t.minute, second: t.second });
        out.end = r.start + 8 + t.used;
      } else if (runs[i + 1] && sepBetween(r, runs[i + 1]) && runs[i + 1].digits.length === 6) {
        const t = timeFrom(runs[i + 1].digits);
        if (t.used === 6) Object.assign(out, { hour: t.hour, minute: t.minute, second: t.second, end: runs[i + 1].end });
      }
      return out;
    }
    if (d.length === 4 && runs[i + 1] && sepBetween(r, runs[i + 1])) {
      const y = +d;
      const n1 = runs[i + 1];
      let mo: number | undefined, day: number | undefined, last = n1;
      if (n1.digits.length === 4) {
        mo = +n1.digits.slice(0, 2);
        day = +n1.digits.slice(2);
      } else if (n1.digits.length === 2 && runs[i + 2] && sepBetween(n1, runs[i + 2]) && runs[i + 2].digits.length === 2) {
        mo = +n1.digits;
        day = +runs[i + 2].digits;
        last = runs[i + 2];
      }
      if (mo === undefined || day === undefined || !validDate(y, mo, day)) continue;
      const out: EmbeddedDate = { year: y, month: mo, day, start: r.start, end: last.end };
      const idx = runs.indexOf(last);
      const t = runs[idx + 1];
      if (t && sepBetween(last, t) && t.digits.length === 6) {
        const tm = timeFrom(t.digits);
        if (tm.used === 6) Object.assign(out, { hour: tm.hour, minute: tm.minute, second: tm.second, end: t.end });
      }
      return out;
    }
  }
  return undefined;
}

/** The `_YYYYMMDD_HHMMSS` (or `_YYYYMMDD`) stamp at the end of a file name, before its extension. */
export function fileNameDate(path: string): EmbeddedDate | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1).replace(/\.[^.]*$/, '');
  const m = /[_-](\d{8})(?:[_-](\d{6}))?$/.exec(base);
  if (!m) return undefined;
  const y = +m[1].slice(0, 4), mo = +m[1].slice(4, 6), d = +m[1].slice(6, 8);
  if (!validDate(y, mo, d)) return undefined;
  const out: EmbeddedDate = { year: y, month: mo, day: d, start: m.index + 1, end: m.index + m[0].length };
  if (m[2]) {
    const t = timeFrom(m[2]);
    if (t.used === 6) Object.assign(out, { hour: t.hour, minute: t.minute, second: t.second });
  }
  return out;
}

/** The parts of an embedded date that differ from an instant (only the parts the embedded date has). */
export function embeddedMismatch(e: EmbeddedDate, time: number): string[] {
  const d = new Date(time);
  const diff: string[] = [];
  if (e.year !== d.getUTCFullYear()) diff.push('year');
  if (e.month !== d.getUTCMonth() + 1) diff.push('month');
  if (e.day !== d.getUTCDate()) diff.push('day');
  if (e.hour !== undefined && e.hour !== d.getUTCHours()) diff.push('hour');
  if (e.minute !== undefined && e.minute !== d.getUTCMinutes()) diff.push('minute');
  if (e.second !== undefined && e.second !== d.getUTCSeconds()) diff.push('second');
  return diff;
}

/** `2025-08-24 20:32:00` / `2025-08-24 20:32` / `2025-08-24`: an embedded date written out, as far as it goes. */
export function describeEmbedded(e: EmbeddedDate): string {
  let s = `${e.year}-${pad(e.month)}-${pad(e.day)}`;
  if (e.hour !== undefined) s += ` ${pad(e.hour)}`;
  if (e.minute !== undefined) s += `:${pad(e.minute)}`;
  if (e.second !== undefined) s += `:${pad(e.second)}`;
  if (e.hour !== undefined && e.minute === undefined) s += 'h';
  return s;
}

/** The header's Date as an instant: canonical, or any recognisable form (cert-date-format reports the form). */
export function headerInstant(value: string): number | undefined {
  return parseCanonical(value) ?? parseLoose(value)?.time;
}
