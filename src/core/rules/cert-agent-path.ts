import { certificateRule } from './types';
import { cleanValue, headerFields } from './shared/header';

export default certificateRule(
  {
    id: 'cert-agent-path',
    description: 'The header Agent matches the `agents/<name>/` folder the certificate lives in.',
    defaultSeverity: 'info',
    kinds: ['certificate'],
    fixable: false,
    tags: ['header', 'path'],
  },
  ({ model, doc, report }) => {
    const folders = [...`/${doc.path}`.matchAll(/\/agents\/([^/]+)\//g)];
    if (!folders.length) return;
    const folder = folders[folders.length - 1][1];
    const field = headerFields(model, 'Agent')[0];
    if (!field) return;
    const agent = cleanValue(field.value);
    if (!agent || agent.toLowerCase() === folder.toLowerCase()) return;
    report({ message: `Agent is "${agent}" but the certificate is in the folder agents/${folder}/.`, span: field.valueSpan });
  },
);
