import type { Messages } from '../../../messages/index';
import { DEFAULT_LOCALE, type Locale } from './locales';

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every message key, checked at compile time against the Azerbaijani file (the primary one). */
export type MessageKey = Leaves<Messages>;
export type MessageValues = Record<string, string | number>;

export interface Translator {
  readonly locale: Locale;
  /** The message for a known key. */
  t(key: MessageKey, values?: MessageValues): string;
  /** For keys built at run time (error codes, action names): the first candidate that exists. */
  tAny(keys: readonly string[], values?: MessageValues): string | null;
}

type Tree = { [key: string]: string | Tree };

/** The two chunks of a language: what every page needs (core and exam), and every other area. */
export type MessagePart = 'room' | 'rest';

/**
 * Chunks per language, imported only when a page in that language needs them: a page carries its
 * own language's texts and no other (and no i18n library: `{{name}}` is all the messages use).
 */
const LOADERS: Record<Locale, Record<MessagePart, () => Promise<Tree>>> = {
  az: {
    room: () => import('../../../messages/bundle.az').then((m) => m.default as unknown as Tree),
    rest: () => import('../../../messages/bundle.az.rest').then((m) => m.default as unknown as Tree),
  },
  ru: {
    room: () => import('../../../messages/bundle.ru').then((m) => m.default as unknown as Tree),
    rest: () => import('../../../messages/bundle.ru.rest').then((m) => m.default as unknown as Tree),
  },
  en: {
    room: () => import('../../../messages/bundle.en').then((m) => m.default as unknown as Tree),
    rest: () => import('../../../messages/bundle.en.rest').then((m) => m.default as unknown as Tree),
  },
};

const dictionaries: Partial<Record<Locale, Tree>> = {};
const loaded = new Set<string>();

/** Makes a language's messages available at once (the server registers all three at start). */
export function registerMessages(locale: Locale, messages: object): void {
  dictionaries[locale] = messages as Tree;
  loaded.add(`${locale}:room`).add(`${locale}:rest`);
}

/** Loads a language's chunks, once each; the root layout awaits them before anything renders. */
export async function loadMessages(locale: Locale, parts: readonly MessagePart[] = ['room', 'rest']): Promise<void> {
  const missing = parts.filter((part) => !loaded.has(`${locale}:${part}`));
  const trees = await Promise.all(missing.map((part) => LOADERS[locale][part]()));
  dictionaries[locale] = Object.assign({}, dictionaries[locale], ...trees) as Tree;
  for (const part of missing) loaded.add(`${locale}:${part}`);
}

function lookup(tree: Tree | undefined, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** Fills `{{ name }}` placeholders; one left without a value stays visible rather than vanishing. */
function interpolate(text: string, values?: MessageValues): string {
  if (!values) return text;
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

const cache = new Map<Locale, Translator>();

export function translator(locale: Locale): Translator {
  let found = cache.get(locale);
  if (!found) {
    // Looked up on each call: a language registered later (a switch of language) is picked up.
    const find = (key: string) => lookup(dictionaries[locale], key) ?? lookup(dictionaries[DEFAULT_LOCALE], key);
    found = {
      locale,
      t: (key, values) => interpolate(find(key) ?? key, values),
      tAny: (keys, values) => {
        for (const key of keys) {
          const text = lookup(dictionaries[locale], key);
          if (text !== undefined) return interpolate(text, values);
        }
        return null;
      },
    };
    cache.set(locale, found);
  }
  return found;
}
