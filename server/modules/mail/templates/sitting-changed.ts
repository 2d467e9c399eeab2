import { defineTemplate } from '../template';
import type { Language } from '../language';

export interface SittingChangedValues {
  fullName: string;
  sittingCode: string;
  kind: 'rescheduled' | 'cancelled';
  /** ISO instants; written in Baku time in the mail's language. */
  previousStartsAt: string;
  nextStartsAt: string | null;
  reason: string;
  /** The candidate's own booking page, which shows the change too. */
  link: string;
}

const LOCALES: Record<Language, string> = { az: 'az-Latn-AZ', ru: 'ru-RU', en: 'en-GB' };

/** An instant as the exam centre's clock shows it (Baku, UTC+4), in the mail's language. */
function baku(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], {
    timeZone: 'Asia/Baku',
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(new Date(iso));
}

/** A booked candidate told that the centre moved or cancelled their sitting, and why (issue 15, point 3). */
export const sittingChanged = defineTemplate<SittingChangedValues>({
  render: {
    az: (v) =>
      v.kind === 'rescheduled'
        ? {
            subject: `İmtahanın vaxtı dəyişdirildi: ${v.sittingCode}`,
            text: `Hörmətli ${v.fullName},

İmtahan mərkəzi qeydiyyatdan keçdiyiniz ${v.sittingCode} imtahanının vaxtını dəyişdi.
Əvvəlki başlanğıc: ${baku(v.previousStartsAt, 'az')}
Yeni başlanğıc: ${baku(v.nextStartsAt!, 'az')} (Bakı vaxtı)

Səbəb: ${v.reason}

Qeydiyyatınız və yeriniz saxlanılır. Təfərrüatlar: ${v.link}`,
          }
        : {
            subject: `İmtahan ləğv edildi: ${v.sittingCode}`,
            text: `Hörmətli ${v.fullName},

İmtahan mərkəzi ${baku(v.previousStartsAt, 'az')} (Bakı vaxtı) başlamalı olan ${v.sittingCode} imtahanını ləğv etdi.

Səbəb: ${v.reason}

Qeydiyyatınız buraxılıb; başqa imtahana qeydiyyatdan keçə bilərsiniz. Təfərrüatlar: ${v.link}`,
          },
    ru: (v) =>
      v.kind === 'rescheduled'
        ? {
            subject: `Экзамен перенесён: ${v.sittingCode}`,
            text: `Уважаемый(ая) ${v.fullName},

Экзаменационный центр перенёс экзамен ${v.sittingCode}, на который вы записаны.
Прежнее начало: ${baku(v.previousStartsAt, 'ru')}
Новое начало: ${baku(v.nextStartsAt!, 'ru')} (время Баку)

Причина: ${v.reason}

Ваша запись и место сохранены. Подробности: ${v.link}`,
          }
        : {
            subject: `Экзамен отменён: ${v.sittingCode}`,
            text: `Уважаемый(ая) ${v.fullName},

Экзаменационный центр отменил экзамен ${v.sittingCode}, который должен был начаться ${baku(v.previousStartsAt, 'ru')} (время Баку).

Причина: ${v.reason}

Ваша запись освобождена; вы можете записаться на другой экзамен. Подробности: ${v.link}`,
          },
    en: (v) =>
      v.kind === 'rescheduled'
        ? {
            subject: `Your sitting has been moved: ${v.sittingCode}`,
            text: `Dear ${v.fullName},

The exam centre has moved sitting ${v.sittingCode}, which you booked.
It was to start: ${baku(v.previousStartsAt, 'en')}
It now starts: ${baku(v.nextStartsAt!, 'en')} (Baku time)

The reason: ${v.reason}

Your booking and your seat are kept. Details: ${v.link}`,
          }
        : {
            subject: `Your sitting has been cancelled: ${v.sittingCode}`,
            text: `Dear ${v.fullName},

The exam centre has cancelled sitting ${v.sittingCode}, which was to start ${baku(v.previousStartsAt, 'en')} (Baku time).

The reason: ${v.reason}

Your booking has been released; you may book another sitting. Details: ${v.link}`,
          },
  },
});
