// Bundled by bench/build-engine.mjs into bench/.work/engine.cjs: the engine, the Node host and a bare remark
// processor, for the in-process benches (keystroke, workspace re-check).
export { Engine, parseConfig, decodeText } from '../src/core/index';
export { NodeHost } from '../src/node/fs-host';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';

export const bareProcessor = unified().use(remarkParse).use(remarkGfm);
