import type { NoticeLocalised } from '../../../../db/schema/index';
import type { Language } from '../../mail/language';
import { defineNoticeKind, inLanguage, points } from './define';

/**
 * A stage's list published (issue 18): whether the applicant went through, their stage score, and when not,
 * the gate's reason (`server/core/stage-gate.ts`) with the figures that explain it.
 */
type StageResultParams = {
  applicationId: string;
  vacancyCode: string;
  position: NoticeLocalised;
  /** The stage's place in the round's order (1, 2, …). */
  stage: number;
  stageKind: 'test' | 'written' | 'interview' | 'commission';
  advanced: boolean;
  /** On the stages' 0–100 scale; null without a result at this stage. */
  score: number | null;
  rank: number | null;
  reason: 'passed' | 'no_result' | 'below_minimum' | 'outside_top' | 'tie_at_limit';
  /** The gate's published minimum, if any. */
  minScore: number | null;
  /** How many places the gate's top share or number gave, if it has one. */
  limit: number | null;
};

const STAGE_NAMES: Record<Language, Record<StageResultParams['stageKind'], string>> = {
  az: { test: 'test', written: 'yazı işi', interview: 'müsahibə', commission: 'komissiyanın qərarı' },
  ru: { test: 'тест', written: 'письменная работа', interview: 'собеседование', commission: 'решение комиссии' },
  en: { test: 'test', written: 'written work', interview: 'interview', commission: 'commission decision' },
};

/** Why the applicant did not go through, in their language. */
const REASONS: Record<Language, (p: StageResultParams) => string> = {
  az: (p) =>
    ({
      passed: '',
      no_result: 'Bu mərhələdə nəticəniz yoxdur (iştirak etməmisiniz və ya işiniz qiymətləndirilməyib).',
      below_minimum: `Balınız mərhələnin minimum balından (${points(p.minScore ?? 0, 'az')}) aşağıdır.`,
      outside_top: `Yeriniz (${p.rank ?? '–'}) mərhələnin keçid yerlərindən (${p.limit ?? '–'}) kənardadır.`,
      tie_at_limit: `Keçid həddində bərabər bal toplayanlar arasındasınız və müsabiqənin dərc olunmuş qaydasına görə belə qrup keçmir.`,
    })[p.reason],
  ru: (p) =>
    ({
      passed: '',
      no_result: 'У вас нет результата на этом этапе (вы не участвовали или ваша работа не оценена).',
      below_minimum: `Ваш балл ниже минимального балла этапа (${points(p.minScore ?? 0, 'ru')}).`,
      outside_top: `Ваше место (${p.rank ?? '–'}) за пределами проходных мест этапа (${p.limit ?? '–'}).`,
      tie_at_limit:
        'Вы среди набравших равный балл на границе прохода, и по опубликованному правилу конкурса такая группа не проходит.',
    })[p.reason],
  en: (p) =>
    ({
      passed: '',
      no_result: 'You have no result at this stage (you did not take part, or your work was not marked).',
      below_minimum: `Your score is below the stage's minimum of ${points(p.minScore ?? 0, 'en')}.`,
      outside_top: `Your place (${p.rank ?? '–'}) is outside the stage's ${p.limit ?? '–'} places.`,
      tie_at_limit:
        "You are among those tied at the limit, and the round's published rule lets no such tied group through.",
    })[p.reason],
};

const score = (p: StageResultParams, language: Language) => (p.score === null ? '–' : points(p.score, language));

export const stageResult = defineNoticeKind<StageResultParams>({
  link: (p) => `/applications/${p.applicationId}`,
  render: {
    az: (p) => ({
      title: `Mərhələ ${p.stage} (${STAGE_NAMES.az[p.stageKind]}) üzrə siyahı dərc edildi: ${p.vacancyCode}`,
      text: p.advanced
        ? `"${inLanguage(p.position, 'az')}" (${p.vacancyCode}) vakansiyası üzrə müsabiqənin ${p.stage} nömrəli mərhələsini (${STAGE_NAMES.az[p.stageKind]}) keçdiniz. Balınız: ${score(p, 'az')} / 100.`
        : `"${inLanguage(p.position, 'az')}" (${p.vacancyCode}) vakansiyası üzrə müsabiqənin ${p.stage} nömrəli mərhələsini (${STAGE_NAMES.az[p.stageKind]}) keçmədiniz. Balınız: ${score(p, 'az')} / 100. ${REASONS.az(p)}`,
    }),
    ru: (p) => ({
      title: `Опубликован список этапа ${p.stage} (${STAGE_NAMES.ru[p.stageKind]}): ${p.vacancyCode}`,
      text: p.advanced
        ? `Вы прошли этап ${p.stage} (${STAGE_NAMES.ru[p.stageKind]}) конкурса на вакансию «${inLanguage(p.position, 'ru')}» (${p.vacancyCode}). Ваш балл: ${score(p, 'ru')} из 100.`
        : `Вы не прошли этап ${p.stage} (${STAGE_NAMES.ru[p.stageKind]}) конкурса на вакансию «${inLanguage(p.position, 'ru')}» (${p.vacancyCode}). Ваш балл: ${score(p, 'ru')} из 100. ${REASONS.ru(p)}`,
    }),
    en: (p) => ({
      title: `Stage ${p.stage} (${STAGE_NAMES.en[p.stageKind]}) list published: ${p.vacancyCode}`,
      text: p.advanced
        ? `You went through stage ${p.stage} (${STAGE_NAMES.en[p.stageKind]}) of the competition for the vacancy "${inLanguage(p.position, 'en')}" (${p.vacancyCode}). Your score: ${score(p, 'en')} of 100.`
        : `You did not go through stage ${p.stage} (${STAGE_NAMES.en[p.stageKind]}) of the competition for the vacancy "${inLanguage(p.position, 'en')}" (${p.vacancyCode}). Your score: ${score(p, 'en')} of 100. ${REASONS.en(p)}`,
    }),
  },
});
