/**
 * Offsets <-> positions, in one place. Core positions are 1-based lines and 1-based columns counted in UTF-16 code
 * units (JavaScript string indices), so converting to LSP (0-based, UTF-16) is a subtraction. Line ends are
 * \n, \r\n or a lone \r, as in LSP.
 */
export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column in UTF-16 code units. */
  column: number;
}

export class LineIndex {
  /** Offset of the first character of each line. */
  readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 /* \n */) starts.push(i + 1);
      else if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** Position of an offset (clamped to the text). */
  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - this.lineStarts[lo] + 1 };
  }

  /** Offset of a position (clamped to its line, which excludes the line end). */
  offsetAt(pos: Position): number {
    if (pos.line < 1) return 0;
    if (pos.line > this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[pos.line - 1];
    const end = this.lineEnd(pos.line);
    return Math.max(start, Math.min(start + pos.column - 1, end));
  }

  /** Offset just past the last character of a 1-based line, before its line end. */
  lineEnd(line: number): number {
    if (line >= this.lineStarts.length) return this.text.length;
    let end = this.lineStarts[line] - 1;
    if (end > 0 && this.text.charCodeAt(end) === 10 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** Text of a 1-based line without its line end. */
  lineText(line: number): string {
    if (line < 1 || line > this.lineStarts.length) return '';
    return this.text.slice(this.lineStarts[line - 1], this.lineEnd(line));
  }
}

/** The line ending a document mostly uses, so inserted text can match it. */
export function dominantEol(text: string): '\n' | '\r\n' | '\r' {
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) { crlf++; i++; } else cr++;
    } else if (c === 10) lf++;
  }
  if (crlf >= lf && crlf >= cr && crlf > 0) return '\r\n';
  if (cr > lf) return '\r';
  return '\n';
}
