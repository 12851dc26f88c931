import { certificateRule } from './types';
import { REQUIRED_HEADER_FIELDS, cleanValue, headerFields, normKey } from './shared/header';

export default certificateRule(
  {
    id: 'cert-header-field',
    description: 'The header (before the first H2) has exactly one non-empty Component, Agent, Date and Certificate ID field.',
    defaultSeverity: 'error',
    kinds: ['certificate'],
    fixable: false,
    tags: ['structure', 'header'],
  },
  ({ model, report }) => {
    const anchor = model.h1s[0]?.span ?? { start: 0, end: 0 };
    for (const name of REQUIRED_HEADER_FIELDS) {
      const found = headerFields(model, name);
      if (found.length === 0) {
        // `**Validation Agent**:` / `**Certification Date**:`: a field that ends with the name is probably meant as it.
        const lower = name.toLowerCase();
        const alike = model.header.find((f) => normKey(f.key).endsWith(` ${lower}`));
        report(
          alike
            ? { message: `The header has no **${name}** field; **${alike.key}** (line ${alike.line}) looks like it: name it **${name}**.`, span: alike.keySpan }
            : { message: `The header has no **${name}** field (expected \`**${name}**: <value>\` between the title and the first H2).`, span: anchor },
        );
        continue;
      }
      if (!cleanValue(found[0].value)) report({ message: `The header field **${name}** is empty.`, span: found[0].span });
      for (const again of found.slice(1)) {
        report({ message: `The header field **${name}** appears again (first on line ${found[0].line}); keep one.`, span: again.span });
      }
    }
  },
);
