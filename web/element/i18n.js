// Languages, text lookup and number/date formatting for the element.
//
// English is the fallback for every key, so it is always loaded; the other
// languages load on first use (loadLang), so a page downloads only the
// texts it shows.

import en from '../i18n/en.js';

/** LOADERS import the text table of each language other than English. */
const LOADERS = Object.freeze({
  nl: () => import('../i18n/nl.js'),
  de: () => import('../i18n/de.js'),
});

/** LANGS lists the supported languages. */
export const LANGS = Object.freeze(['nl', 'en', 'de']);

/** tables holds the text table of each language loaded so far. */
const tables = new Map([['en', en]]);

/** loading holds the promise of each language being loaded. */
const loading = new Map();

/**
 * langLoaded reports whether lang's texts can be shown now: English and
 * loaded languages, and a language that failed to load (its texts then
 * fall back to English) or that is not supported.
 */
export function langLoaded(lang) {
  return tables.has(lang) || !LOADERS[lang] || (loading.has(lang) && loading.get(lang).failed === true);
}

/**
 * loadLang loads lang's text table once. It never rejects: when the file
 * cannot be loaded the language shows the English texts.
 */
export function loadLang(lang) {
  if (langLoaded(lang)) return Promise.resolve();
  if (!loading.has(lang)) {
    const p = LOADERS[lang]().then((m) => { tables.set(lang, m.default); }, (err) => {
      p.failed = true;
      console.warn('netflix-donation: the ' + lang + ' texts are not available, showing English:', err && err.message);
    });
    loading.set(lang, p);
  }
  return loading.get(lang);
}

/**
 * resolveLang picks the language: the element's own lang attribute, else
 * the closest ancestor's lang, else the page's, else English. "nl-BE"
 * counts as "nl".
 */
export function resolveLang(el) {
  const candidates = [
    el.getAttribute('lang'),
    el.parentElement && el.parentElement.closest('[lang]') && el.parentElement.closest('[lang]').getAttribute('lang'),
    el.ownerDocument && el.ownerDocument.documentElement.getAttribute('lang'),
  ];
  for (const c of candidates) {
    if (!c) continue;
    const base = c.trim().toLowerCase().split(/[-_]/)[0];
    if (LANGS.includes(base)) return base;
  }
  return 'en';
}

/**
 * Texts looks up texts in one language, with a study's overrides on top.
 * Missing keys fall back to English, then to the key itself, so a typo in
 * an override never shows an empty screen. Load the language first
 * (loadLang); until then its texts are the English ones.
 */
export class Texts {
  constructor(lang, overrides) {
    this.lang = LANGS.includes(lang) ? lang : 'en';
    const own = (overrides && typeof overrides === 'object' && overrides[this.lang]) || {};
    this.table = Object.assign({}, en, tables.get(this.lang), pickStrings(own));
    this.number = new Intl.NumberFormat(this.lang);
    this.oneDecimal = new Intl.NumberFormat(this.lang, { maximumFractionDigits: 1 });
    this.dateFmt = new Intl.DateTimeFormat(this.lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    this.monthFmt = new Intl.DateTimeFormat(this.lang, { month: 'long', year: 'numeric', timeZone: 'UTC' });
    this.shortMonthFmt = new Intl.DateTimeFormat(this.lang, { month: 'short', timeZone: 'UTC' });
    this.weekdayFmt = new Intl.DateTimeFormat(this.lang, { weekday: 'long', timeZone: 'UTC' });
    this.weekdayShortFmt = new Intl.DateTimeFormat(this.lang, { weekday: 'short', timeZone: 'UTC' });
    this.hourFmt = new Intl.DateTimeFormat(this.lang, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' });
  }

  /** t returns the text for key with {name} placeholders filled from vars. */
  t(key, vars) {
    const s = Object.prototype.hasOwnProperty.call(this.table, key) ? this.table[key] : key;
    if (!vars) return s;
    return s.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
  }

  /** int formats a whole number with the language's grouping. */
  int(n) { return this.number.format(n); }

  /** hours formats seconds as hours: whole hours from 10 up, else one decimal. */
  hours(seconds) {
    const hrs = seconds / 3600;
    return hrs >= 10 ? this.number.format(Math.round(hrs)) : this.oneDecimal.format(hrs);
  }

  /** date formats a local YYYY-MM-DD date in words. */
  date(ymd) {
    const d = parseDay(ymd);
    return d ? this.dateFmt.format(d) : ymd;
  }

  /** month formats YYYY-MM as month and year in words. */
  month(ym) {
    const d = parseDay(ym + '-01');
    return d ? this.monthFmt.format(d) : ym;
  }

  /** shortMonth formats YYYY-MM as an abbreviated month name. */
  shortMonth(ym) {
    const d = parseDay(ym + '-01');
    return d ? this.shortMonthFmt.format(d) : ym;
  }

  /** weekday names day 0..6, Monday first (the summary's order). */
  weekday(i) {
    // 2024-01-01 was a Monday.
    return this.weekdayFmt.format(Date.UTC(2024, 0, 1 + i));
  }

  /** weekdayShort is the abbreviated name of day 0..6, Monday first. */
  weekdayShort(i) {
    return this.weekdayShortFmt.format(Date.UTC(2024, 0, 1 + i));
  }

  /** hour formats an hour of the day, 0..23, as a clock time. */
  hour(i) {
    return this.hourFmt.format(Date.UTC(2024, 0, 1, i));
  }
}

function pickStrings(obj) {
  const out = {};
  for (const [k, v] of Object.entries(obj)) if (typeof v === 'string') out[k] = v;
  return out;
}

function parseDay(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(s));
  if (!m) return null;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}
