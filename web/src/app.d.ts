import type { Locale } from '$lib/i18n/locales';

declare global {
  namespace App {
    interface Locals {
      locale: Locale;
    }
    interface Error {
      message: string;
      /** The API turned the page's read away while busy with exams (503 BUSY): try again shortly. */
      busy?: boolean;
    }
  }
}

export {};
