/**
 * Entry point of dist/server.js. The transport comes from argv: the VS Code client starts it with --node-ipc,
 * `signoff lsp --stdio` and other editors with --stdio.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);
startServer(connection);
connection.listen();
