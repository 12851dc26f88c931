/** Rules the template certificate (workspace-template/docs/reviews/...) is written to break. The CLI's findings on
 * the same file are added to these at run time, so the editor is checked against what CI reports. */
export const CERT_RULES = ['cert-status-value', 'evidence-file-missing'];
