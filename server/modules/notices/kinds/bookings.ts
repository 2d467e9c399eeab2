import { bakuTime, defineNoticeKind } from './define';

type BookingParams = {
  bookingId: string;
  sittingCode: string;
  /** ISO instant. */
  startsAt: string;
};

type SeatParams = BookingParams & { room: string; seat: number };

const booking = (p: { bookingId: string }) => `/bookings/${p.bookingId}`;

export const bookingConfirmed = defineNoticeKind<BookingParams>({
  link: booking,
  render: {
    az: (p) => ({
      title: `Qeydiyyat təsdiqləndi: ${p.sittingCode}`,
      text: `${p.sittingCode} imtahanına qeydiyyatınız təsdiqləndi. Başlanğıc: ${bakuTime(p.startsAt, 'az')} (Bakı vaxtı). Otaq və yer qeydiyyat bağlananda bildiriləcək.`,
    }),
    ru: (p) => ({
      title: `Запись подтверждена: ${p.sittingCode}`,
      text: `Ваша запись на экзамен ${p.sittingCode} подтверждена. Начало: ${bakuTime(p.startsAt, 'ru')} (время Баку). Аудиторию и место сообщим, когда запись закроется.`,
    }),
    en: (p) => ({
      title: `Booking confirmed: ${p.sittingCode}`,
      text: `Your booking for sitting ${p.sittingCode} is confirmed. It starts ${bakuTime(p.startsAt, 'en')} (Baku time). Your room and seat will be sent when booking closes.`,
    }),
  },
});

export const bookingCancelled = defineNoticeKind<BookingParams>({
  link: booking,
  render: {
    az: (p) => ({
      title: `Qeydiyyat ləğv edildi: ${p.sittingCode}`,
      text: `${bakuTime(p.startsAt, 'az')} (Bakı vaxtı) başlayan ${p.sittingCode} imtahanına qeydiyyatınız ləğv edildi. Başqa imtahana qeydiyyatdan keçə bilərsiniz.`,
    }),
    ru: (p) => ({
      title: `Запись отменена: ${p.sittingCode}`,
      text: `Ваша запись на экзамен ${p.sittingCode}, начинающийся ${bakuTime(p.startsAt, 'ru')} (время Баку), отменена. Вы можете записаться на другой экзамен.`,
    }),
    en: (p) => ({
      title: `Booking cancelled: ${p.sittingCode}`,
      text: `Your booking for sitting ${p.sittingCode}, starting ${bakuTime(p.startsAt, 'en')} (Baku time), is cancelled. You may book another sitting.`,
    }),
  },
});

export const rosterFixed = defineNoticeKind<SeatParams>({
  link: booking,
  render: {
    az: (p) => ({
      title: `Otağınız və yeriniz: ${p.sittingCode}`,
      text: `${p.sittingCode} imtahanına qeydiyyat bağlandı. Otaq: ${p.room}, yer: ${p.seat}. Başlanğıc: ${bakuTime(p.startsAt, 'az')} (Bakı vaxtı). Buraxılış vərəqənizi çap edə bilərsiniz.`,
    }),
    ru: (p) => ({
      title: `Ваша аудитория и место: ${p.sittingCode}`,
      text: `Запись на экзамен ${p.sittingCode} закрыта. Аудитория: ${p.room}, место: ${p.seat}. Начало: ${bakuTime(p.startsAt, 'ru')} (время Баку). Вы можете распечатать пропуск.`,
    }),
    en: (p) => ({
      title: `Your room and seat: ${p.sittingCode}`,
      text: `Booking for sitting ${p.sittingCode} has closed. Room: ${p.room}, seat: ${p.seat}. It starts ${bakuTime(p.startsAt, 'en')} (Baku time). You can print your admission ticket.`,
    }),
  },
});

export const examApproaching = defineNoticeKind<SeatParams>({
  link: booking,
  render: {
    az: (p) => ({
      title: `İmtahan yaxınlaşır: ${p.sittingCode}`,
      text: `${p.sittingCode} imtahanınız ${bakuTime(p.startsAt, 'az')} (Bakı vaxtı) başlayır. Otaq: ${p.room}, yer: ${p.seat}. Şəxsiyyət vəsiqənizi və buraxılış vərəqənizi götürün.`,
    }),
    ru: (p) => ({
      title: `Экзамен скоро: ${p.sittingCode}`,
      text: `Ваш экзамен ${p.sittingCode} начинается ${bakuTime(p.startsAt, 'ru')} (время Баку). Аудитория: ${p.room}, место: ${p.seat}. Возьмите удостоверение личности и пропуск.`,
    }),
    en: (p) => ({
      title: `Your exam is coming up: ${p.sittingCode}`,
      text: `Your sitting ${p.sittingCode} starts ${bakuTime(p.startsAt, 'en')} (Baku time). Room: ${p.room}, seat: ${p.seat}. Bring your identity card and your admission ticket.`,
    }),
  },
});

type ChangeParams = {
  bookingId: string;
  sittingCode: string;
  kind: 'rescheduled' | 'cancelled';
  previousStartsAt: string;
  /** Null when the sitting was cancelled. */
  nextStartsAt: string | null;
  /** The administrator's reason, as written. */
  reason: string;
};

/** The centre moved or cancelled a booked sitting (its own mail, `sitting-changed`, goes out besides). */
export const sittingChanged = defineNoticeKind<ChangeParams>({
  link: booking,
  render: {
    az: (p) =>
      p.nextStartsAt
        ? {
            title: `İmtahanın vaxtı dəyişdirildi: ${p.sittingCode}`,
            text: `İmtahan mərkəzi ${p.sittingCode} imtahanını ${bakuTime(p.previousStartsAt, 'az')} tarixindən ${bakuTime(p.nextStartsAt, 'az')} tarixinə (Bakı vaxtı) keçirdi. Səbəb: ${p.reason}. Qeydiyyatınız və yeriniz saxlanılır.`,
          }
        : {
            title: `İmtahan ləğv edildi: ${p.sittingCode}`,
            text: `İmtahan mərkəzi ${bakuTime(p.previousStartsAt, 'az')} (Bakı vaxtı) başlamalı olan ${p.sittingCode} imtahanını ləğv etdi. Səbəb: ${p.reason}. Qeydiyyatınız buraxılıb; başqa imtahana qeydiyyatdan keçə bilərsiniz.`,
          },
    ru: (p) =>
      p.nextStartsAt
        ? {
            title: `Экзамен перенесён: ${p.sittingCode}`,
            text: `Экзаменационный центр перенёс экзамен ${p.sittingCode} с ${bakuTime(p.previousStartsAt, 'ru')} на ${bakuTime(p.nextStartsAt, 'ru')} (время Баку). Причина: ${p.reason}. Ваша запись и место сохранены.`,
          }
        : {
            title: `Экзамен отменён: ${p.sittingCode}`,
            text: `Экзаменационный центр отменил экзамен ${p.sittingCode}, который должен был начаться ${bakuTime(p.previousStartsAt, 'ru')} (время Баку). Причина: ${p.reason}. Ваша запись освобождена; вы можете записаться на другой экзамен.`,
          },
    en: (p) =>
      p.nextStartsAt
        ? {
            title: `Your sitting has been moved: ${p.sittingCode}`,
            text: `The exam centre has moved sitting ${p.sittingCode} from ${bakuTime(p.previousStartsAt, 'en')} to ${bakuTime(p.nextStartsAt, 'en')} (Baku time). The reason: ${p.reason}. Your booking and your seat are kept.`,
          }
        : {
            title: `Your sitting has been cancelled: ${p.sittingCode}`,
            text: `The exam centre has cancelled sitting ${p.sittingCode}, which was to start ${bakuTime(p.previousStartsAt, 'en')} (Baku time). The reason: ${p.reason}. Your booking has been released; you may book another sitting.`,
          },
  },
});
