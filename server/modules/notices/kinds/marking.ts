import { defineNoticeKind, points } from './define';

type MarkingAppealParams = {
  attemptId: string;
  sittingCode: string;
  upheld: boolean;
  finalPoints: number;
  maxPoints: number;
};

/** The decision on an appeal against the marking of written work (issue 18; the marking module calls it). */
export const markingAppealDecided = defineNoticeKind<MarkingAppealParams>({
  link: (p) => `/exam/${p.attemptId}/written`,
  render: {
    az: (p) => ({
      title: p.upheld ? 'Yazı işi üzrə apellyasiyanız təmin edildi' : 'Yazı işi üzrə apellyasiyanız rədd edildi',
      text: `${p.sittingCode} imtahanındakı yazı işinizin qiymətləndirilməsinə dair apellyasiyanıza onu qiymətləndirməmiş qiymətləndirici baxdı və ${p.upheld ? 'onu təmin etdi' : 'onu rədd etdi'}. Yekun qiymət: ${points(p.finalPoints, 'az')} / ${p.maxPoints}. Qərarı, səbəbini və onu verən şəxsin adını yazı işiniz səhifəsində görə bilərsiniz.`,
    }),
    ru: (p) => ({
      title: p.upheld ? 'Апелляция по письменной работе удовлетворена' : 'Апелляция по письменной работе отклонена',
      text: `Апелляцию на оценку вашей письменной работы на экзамене ${p.sittingCode} рассмотрел проверяющий, который её не оценивал, и ${p.upheld ? 'удовлетворил её' : 'отклонил её'}. Итоговая оценка: ${points(p.finalPoints, 'ru')} / ${p.maxPoints}. Решение, его причина и имя принявшего его — на странице вашей письменной работы.`,
    }),
    en: (p) => ({
      title: p.upheld ? 'Your appeal on your written work was upheld' : 'Your appeal on your written work was rejected',
      text: `Your appeal against the marking of your written work at ${p.sittingCode} was decided by a marker who had not marked it: it was ${p.upheld ? 'upheld' : 'rejected'}. Final mark: ${points(p.finalPoints, 'en')} / ${p.maxPoints}. The decision, its reason and the name of the official who made it are on your written work's page.`,
    }),
  },
});
