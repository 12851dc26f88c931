/**
 * Run records and snippet semantics, pure: the record format and file names, parsing, the verdict of a snippet,
 * the command hash, the Python compile script, run inputs, and the reader over a Host. The runner (Node) and the
 * core's rules import this; nothing here runs a process or touches a file system itself.
 */
export * from './sha256';
export * from './snippets';
export * from './verdict';
export * from './record';
export * from './reader';
export * from './inputs';
