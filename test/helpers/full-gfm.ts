/**
 * Stands in for src/core/parse/gfm-subset.ts in the bundle test/property/gfm-subset.test.ts builds: the whole of
 * remark-gfm, literal autolinks included, as the parser was before the subset.
 */
import remarkGfm from 'remark-gfm';

export const remarkGfmSubset = remarkGfm;
