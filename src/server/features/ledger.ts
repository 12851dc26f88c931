/**
 * The review ledger in the editor: the `signoff/ledger` request (the Reviews view asks it; the answer is what
 * `signoff status --format json` prints, built by the same core function) and the status bar's "superseded" note
 * for a certificate. Both read the folder's workspace index, which the validator keeps current.
 */
import type { Connection } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import type { LogLevel } from '../../core/index';
import { ledgerStatus } from '../../core/ledger/status';
import { LEDGER_REQUEST, type DocumentInfo, type LedgerParams, type LedgerStatus } from '../../protocol/index';
import type { Folder, Folders } from '../folders';
import { safeRequest } from '../safe';

/** How long a ledger request waits for the first scan of its folder before answering with what is indexed. */
const SCAN_WAIT_MS = 120_000;

export function registerLedger(connection: Connection, folders: Folders, log: (level: LogLevel, message: string) => void): void {
  connection.onRequest(LEDGER_REQUEST, safeRequest(log, LEDGER_REQUEST, null, (p: LedgerParams | undefined) => folderLedger(folders, p?.folderUri)));
}

export async function folderLedger(folders: Folders, folderUri: string | undefined): Promise<LedgerStatus | null> {
  const wanted = folderUri ? normalise(folderUri) : undefined;
  const folder = folders.all().find((f) => !wanted || normalise(f.uri) === wanted);
  if (!folder) return null;
  await scanned(folder);
  return ledgerStatus(folder.engine.workspace, folder.engine.config, folder.host);
}

/** For the status bar: the certificate that holds instead of this one (undefined when it is current or unknown). */
export function supersededInfo(folder: Folder, path: string): DocumentInfo['superseded'] {
  const ledger = folder.engine.workspace.ledger(folder.engine.config);
  const by = ledger.byPath.get(path)?.supersededBy;
  if (!by) return undefined;
  return { by: by.path, byId: by.id, explicit: ledger.byPath.get(path)?.explicitlyBy === by };
}

/** Adds `superseded` to a certificate's document info when the ledger says so. */
export function withSuperseded(folder: Folder, path: string, info: DocumentInfo): DocumentInfo {
  const superseded = info.kind === 'certificate' ? supersededInfo(folder, path) : undefined;
  return superseded ? { ...info, superseded } : info;
}

/** Supersession needs every certificate: wait until the folder's first scan has indexed them all. */
async function scanned(folder: Folder): Promise<void> {
  const until = Date.now() + SCAN_WAIT_MS;
  while (!folder.complete && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
}

function normalise(uri: string): string {
  return URI.parse(uri).toString().replace(/\/$/, '');
}
