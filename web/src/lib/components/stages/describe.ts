import type { Stage } from '$lib/api/stages';
import type { Translator } from '$lib/i18n';

/** Where a stage's score comes from, in words. */
export function stageSource(i18n: Translator, stage: Stage): string {
  switch (stage.kind) {
    case 'test':
    case 'written':
      return stage.blueprint
        ? i18n.t('stages.source.blueprint', { name: stage.blueprint.name })
        : i18n.t('stages.source.certificate');
    case 'interview':
      return i18n.t('stages.source.panel');
    case 'commission':
      return i18n.t('stages.source.combined');
  }
}

/** A stage's gate in words: its minimum, its top limit and its ties rule. */
export function stageGate(i18n: Translator, stage: Stage): string {
  const parts: string[] = [];
  if (stage.minScore !== null) parts.push(i18n.t('stages.gate.min', { score: String(stage.minScore) }));
  if (stage.top) parts.push(i18n.t(`stages.gate.${stage.top.kind}`, { value: stage.top.value }));
  if (parts.length === 0) return i18n.t('stages.gate.none');
  if (stage.top) parts.push(i18n.t(`stages.gate.ties.${stage.ties}`));
  return parts.join('; ');
}
