import type { NoticeParamsRecord } from '../../../../db/schema/index';
import { renderNotice } from '../../notices/kinds/index';
import type { Language } from '../language';
import { defineTemplate, type RenderedMail } from '../template';

export interface NoticeMailValues {
  fullName: string;
  /** A notice kind's name and values: the mail says what the inbox says (server/modules/notices/kinds). */
  kind: string;
  params: NoticeParamsRecord;
  /** The site's address, for the link to the page the notice is about. */
  publicUrl: string;
}

const GREETING: Record<Language, string> = { az: 'Hörmətli', ru: 'Уважаемый(ая)', en: 'Dear' };
const MORE: Record<Language, string> = { az: 'Təfərrüatlar', ru: 'Подробности', en: 'Details' };
const FOOTER: Record<Language, string> = {
  az: 'Bütün bildirişləriniz hesabınızdadır',
  ru: 'Все ваши уведомления — в личном кабинете',
  en: 'All your notices are in your account',
};

function render(language: Language) {
  return (v: NoticeMailValues): RenderedMail => {
    const notice = renderNotice(v.kind, v.params, language);
    if (!notice) throw new Error(`unknown notice kind ${v.kind}`);
    return {
      subject: notice.title,
      text: `${GREETING[language]} ${v.fullName},

${notice.text}

${MORE[language]}: ${v.publicUrl}${notice.link}

${FOOTER[language]}: ${v.publicUrl}/account/notices`,
    };
  };
}

/** The e-mail copy of an inbox notice, in the recipient's language (issue 17). */
export const noticeMail = defineTemplate<NoticeMailValues>({
  render: { az: render('az'), ru: render('ru'), en: render('en') },
});
