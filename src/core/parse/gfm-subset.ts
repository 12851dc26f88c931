/**
 * GitHub Flavored Markdown without its literal autolinks (and the tag filter, which only affects HTML output):
 * tables (certificate fields, score tables), task list items (checklist tasks), strikethrough and footnotes
 * (evidence written inside `~~...~~` or in a footnote definition is still evidence). The literal-autolink
 * extension was about 0.3-0.4 of a whole parse (a tokeniser pass plus a regex transform over every text node) and
 * no rule needs it: evidence extraction already masks URLs in text (evidence/segments.ts). Documents that use bare
 * URLs and e-mail addresses get the same findings (the equivalence property test, test/property/gfm-subset.test.ts,
 * checks the corpus, the seeds and generated documents both ways).
 */
import type { Processor } from 'unified';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';

/** A unified plugin, used like remark-gfm: `unified().use(remarkParse).use(remarkGfmSubset)`. */
export function remarkGfmSubset(this: Processor): void {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  // remark-gfm's own order (micromark-extension-gfm): footnote, strikethrough, table, task list item.
  (data.micromarkExtensions ??= []).push(gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmTaskListItem());
  (data.fromMarkdownExtensions ??= []).push(gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown());
}
