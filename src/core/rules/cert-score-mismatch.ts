import { certificateRule } from './types';

/** How far the overall score may be from its breakdown's mean (in the overall score's units) before it is reported. */
const TOLERANCE = 0.5;

export default certificateRule(
  {
    id: 'cert-score-mismatch',
    description: 'The overall score is within 0.5 of the mean of its breakdown scores.',
    defaultSeverity: 'warning',
    kinds: ['certificate'],
    fixable: false,
    tags: ['scores'],
  },
  ({ model, report }) => {
    const overall = model.overallScore;
    const parts = model.scoreBreakdown.filter((p) => p.max > 0);
    if (!overall || overall.max <= 0 || parts.length < 2) return;
    // Parts out of another maximum (x/5 under an x/10 overall) are scaled to the overall's.
    const mean = parts.reduce((sum, p) => sum + (p.value / p.max) * overall.max, 0) / parts.length;
    const diff = Math.abs(overall.value - mean);
    if (diff <= TOLERANCE + 1e-9) return;
    const round = (n: number) => Math.round(n * 100) / 100;
    report({
      message: `${overall.name} ${overall.value}/${overall.max} is ${round(diff)} from the mean of its ${parts.length} breakdown scores (${round(mean)}/${overall.max}); expected within ${TOLERANCE}.`,
      span: overall.span,
    });
  },
);
