import { readdirSync, readFileSync } from 'node:fs';

import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';

import { codeOf, LOCALE_CODES, LOCALES } from './locales';

const CATALOGS = new URL('../../messages/', import.meta.url);
const read = (code: string): unknown =>
  JSON.parse(readFileSync(new URL(`${code}.json`, CATALOGS), 'utf8'));

/** Every message of a catalog by its dotted key. */
function flatten(node: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else if (value && typeof value === 'object')
      for (const e of flatten(value, path)) out.set(...e);
    else throw new Error(`${path} is neither a message nor a namespace`);
  }
  return out;
}

const KIND: Partial<Record<TYPE, string>> = {
  [TYPE.argument]: 'text',
  [TYPE.number]: 'number',
  [TYPE.date]: 'date',
  [TYPE.time]: 'time',
  [TYPE.select]: 'select',
  [TYPE.plural]: 'plural',
  [TYPE.tag]: 'tag',
};

/** The arguments a message takes, with their kinds (`count:plural`, `name:text`, `link:tag`). */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    const kind = KIND[element.type];
    if (kind && 'value' in element) into.add(`${element.value}:${kind}`);
    if (element.type === TYPE.select || element.type === TYPE.plural) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, into);
    }
    if (element.type === TYPE.tag) argumentsOf(element.children, into);
  }
  return into;
}

/** Plurals and selects must say what happens otherwise (ICU requires `other`). */
function missingOther(elements: MessageFormatElement[]): boolean {
  return elements.some(
    (element) =>
      ((element.type === TYPE.select || element.type === TYPE.plural) &&
        (!('other' in element.options) ||
          Object.values(element.options).some((option) => missingOther(option.value)))) ||
      (element.type === TYPE.tag && missingOther(element.children)),
  );
}

const catalogs = Object.fromEntries(LOCALE_CODES.map((code) => [code, flatten(read(code))]));
const english = catalogs.en!;

describe('translation catalogs', () => {
  it('there is one catalog per language, and nothing else in messages/', () => {
    const files = readdirSync(CATALOGS).filter((file) => file.endsWith('.json'));
    expect(files.sort()).toEqual(LOCALE_CODES.map((code) => `${code}.json`).sort());
    expect(LOCALES.map(codeOf)).toEqual([...LOCALE_CODES]);
  });

  for (const code of LOCALE_CODES.filter((c) => c !== 'en')) {
    const other = catalogs[code]!;

    it(`${code} has every English key, and no key English lacks`, () => {
      expect([...english.keys()].filter((key) => !other.has(key))).toEqual([]);
      expect([...other.keys()].filter((key) => !english.has(key))).toEqual([]);
    });

    it(`${code} messages take the same ICU arguments as English`, () => {
      const differ = [...english].flatMap(([key, message]) => {
        const translated = other.get(key);
        if (translated === undefined) return [];
        const want = [...argumentsOf(parse(message))].sort();
        const got = [...argumentsOf(parse(translated))].sort();
        return JSON.stringify(want) === JSON.stringify(got) ? [] : [{ key, want, got }];
      });
      expect(differ).toEqual([]);
    });
  }

  for (const code of LOCALE_CODES) {
    it(`every ${code} message parses, is not blank, and its plurals say "other"`, () => {
      const bad = [...catalogs[code]!].filter(([, message]) => {
        if (message.trim() === '') return true;
        try {
          return missingOther(parse(message));
        } catch {
          return true;
        }
      });
      expect(bad.map(([key]) => key)).toEqual([]);
    });
  }
});
