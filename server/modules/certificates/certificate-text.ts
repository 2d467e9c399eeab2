/**
 * The certificate's words in each language. Like the admission ticket, the PDF is made on the server,
 * which cannot use the web's i18n messages, so it keeps its own small table.
 */
export type CertificateLanguage = 'az' | 'ru' | 'en';

export interface CertificateText {
  title: string;
  /** Shown under the title: what the document is for. */
  subtitle: string;
  /** The sentence that certifies the pass. */
  statement: string;
  holder: string;
  category: string;
  /** Which subgroups the certificate also covers. */
  covers: string;
  sitting: string;
  points: string;
  issuedAt: string;
  validUntil: string;
  code: string;
  /** Printed instead of the validity when the certificate was revoked. */
  revoked: string;
  check: string;
  /** The QR code's alternative text, read out by a screen reader in place of the picture. */
  qrAlt: string;
}

export const CERTIFICATE_TEXT: Record<CertificateLanguage, CertificateText> = {
  az: {
    title: 'Sertifikat',
    subtitle: 'Dövlət qulluğuna qəbul üzrə test imtahanı',
    statement:
      'Bu sertifikat onu təsdiq edir ki, sahibi dövlət qulluğuna qəbul üzrə test imtahanından uğurla keçmişdir.',
    holder: 'Sertifikat sahibi',
    category: 'Kateqoriya',
    covers: 'Əhatə etdiyi altqruplar',
    sitting: 'İmtahan növbəsi',
    points: 'Toplanmış bal',
    issuedAt: 'Verilmə tarixi',
    validUntil: 'Etibarlılıq müddəti',
    code: 'Sertifikatın kodu',
    revoked: 'Sertifikat ləğv edilib.',
    check: 'Sertifikatın həqiqiliyini yoxlamaq üçün QR kodu oxudun və ya ünvana daxil olun:',
    qrAlt: 'QR kod: sertifikatın yoxlama səhifəsinin ünvanı, aşağıda yazılıb',
  },
  ru: {
    title: 'Сертификат',
    subtitle: 'Тестовый экзамен для поступления на государственную службу',
    statement:
      'Настоящий сертификат подтверждает, что его владелец успешно сдал тестовый экзамен для поступления на государственную службу.',
    holder: 'Владелец сертификата',
    category: 'Категория',
    covers: 'Охватываемые подгруппы',
    sitting: 'Смена экзамена',
    points: 'Набранные баллы',
    issuedAt: 'Дата выдачи',
    validUntil: 'Действителен до',
    code: 'Код сертификата',
    revoked: 'Сертификат отозван.',
    check: 'Чтобы проверить подлинность сертификата, отсканируйте QR-код или откройте адрес:',
    qrAlt: 'QR-код: адрес страницы проверки сертификата, он написан ниже',
  },
  en: {
    title: 'Certificate',
    subtitle: 'Civil service entrance test',
    statement: 'This certificate confirms that its holder has passed the civil service entrance test.',
    holder: 'Holder',
    category: 'Category',
    covers: 'Subgroups covered',
    sitting: 'Sitting',
    points: 'Points',
    issuedAt: 'Issued',
    validUntil: 'Valid until',
    code: 'Certificate code',
    revoked: 'This certificate has been revoked.',
    check: 'To check this certificate, scan the QR code or open:',
    qrAlt: "QR code: the address of the certificate's check page, printed below",
  },
};
