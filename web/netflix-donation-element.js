// <netflix-donation>: the participant's side of a Netflix data donation.
//
// This ES module defines the custom element. web/netflix-donation.js (the
// one classic script a page loads) imports it and provides the engine as
// window.NetflixDonation; the element calls only that API, so the file is
// read in a worker on this device and nothing leaves the element before
// the participant presses Share.
//
// Attributes:
//   lang                 nl | en | de (default: the closest lang, else en)
//   config               JSON: extractor options (timeZone, minSeconds, from,
//                        to, titles, top, account), share (blocks), optional
//                        (blocks the participant may leave out), maxBytes
//                        (default 20000) and texts ({nl: {key: text}, ...})
//   output               CSS selector of an input or textarea in the page;
//                        it receives the JSON on Share, and on Don't share
//                        {"declined":true,"reason":...[,"error":code]}
//   status-output        CSS selector of an input or textarea that receives
//                        the participation status JSON at every step
//                        (docs/participation-status.schema.json)
//   post-message-origin  inside an iframe, post the outcome to the parent
//                        with exactly this target origin (never "*")
// Events (bubbling, composed): netflix-donation:donate {summary, json},
// netflix-donation:decline {reason, error, json}, netflix-donation:error
// {code}, netflix-donation:status {schema, status, attempts, errors,
// reason?, error?}.

import { h, clear } from './element/dom.js';
import { sheet } from './element/styles.js';
import { Texts, resolveLang, langLoaded, loadLang } from './element/i18n.js';
import { parseConfig } from './element/config.js';
import { indicator } from './element/steps.js';
import { deliver, reportStatus, postHeight, declinedJSON, isCode, DECLINE_REASONS, STATUS_SCHEMA, MAX_STATUS_ERRORS } from './element/host.js';
import * as intro from './element/screens/intro.js';
import * as choose from './element/screens/choose.js';
import * as working from './element/screens/working.js';
import * as profile from './element/screens/profile.js';
import * as review from './element/screens/review.js';
import * as consent from './element/screens/consent.js';
import * as decline from './element/screens/decline.js';
import * as done from './element/screens/done.js';
import * as errorScreen from './element/screens/error.js';

const SCREENS = { intro, choose, working, profile, review, consent, decline, done, error: errorScreen };

let counter = 0;

/** NetflixDonationElement is the <netflix-donation> custom element. */
export class NetflixDonationElement extends HTMLElement {
  static get observedAttributes() {
    return ['lang', 'config', 'post-message-origin'];
  }

  constructor() {
    super();
    this.uid = 'nd' + (++counter);
    this.root = this.attachShadow({ mode: 'open' });
    this.root.adoptedStyleSheets = [sheet()];
    this.card = h('div', { class: 'card', role: 'region' });
    this.root.appendChild(this.card);
    this.state = freshState();
    this.config = null;
    this.configError = null;
    this.abort = null;
    this.job = 0;
    this.shareSeq = 0;
    this.interacted = false;
    this.resizer = null;
    this.attempts = 0; // files chosen
    this.errors = []; // error codes met, oldest first
    this.statusReported = false;
  }

  connectedCallback() {
    if (!this.statusReported) {
      this.statusReported = true;
      // After the current task, so that a status field placed after the
      // element in the page exists by then.
      setTimeout(() => this.setStatus('reached'), 0);
    }
    this.readConfig();
    if (this.configError && this.state.screen === 'intro') {
      this.fail(this.configError);
      return;
    }
    this.render();
    this.watchSize();
  }

  /** watchSize reports the widget's height to an iframe host (post-message-origin). */
  watchSize() {
    if (this.resizer || typeof ResizeObserver !== 'function' || !this.hasAttribute('post-message-origin')) return;
    this.resizer = new ResizeObserver(() => postHeight(this, this.card.getBoundingClientRect().height + 2));
    this.resizer.observe(this.card);
  }

  disconnectedCallback() {
    if (this.resizer) {
      this.resizer.disconnect();
      this.resizer = null;
    }
  }

  attributeChangedCallback(name, before, after) {
    if (before === after || !this.isConnected) return;
    if (name === 'post-message-origin') {
      this.watchSize();
      return;
    }
    if (name === 'config') this.readConfig();
    this.render({ keepFocus: true });
  }

  readConfig() {
    try {
      this.config = parseConfig(this.getAttribute('config'));
      this.configError = null;
    } catch (e) {
      this.config = parseConfig(null);
      this.configError = 'bad_options';
    }
  }

  texts() {
    return new Texts(resolveLang(this), this.config && this.config.texts);
  }

  engine() {
    const api = globalThis.NetflixDonation;
    if (!api || typeof api.extract !== 'function') throw withCode('wasm_load_failed');
    return api;
  }

  /** render draws the current screen; it focuses the heading after a participant's action. */
  render(options = {}) {
    // A language other than English loads on first use: draw once it is there.
    const lang = resolveLang(this);
    if (!langLoaded(lang)) {
      loadLang(lang).then(() => this.render(options));
      return;
    }
    const { keepFocus = false, focusKey = null } = options;
    const tx = this.texts();
    const active = this.root.activeElement;
    const activeKey = keepFocus && active ? active.getAttribute('data-key') : null;
    const openKeys = new Set(Array.from(this.card.querySelectorAll('details[open][data-key]'), (d) => d.getAttribute('data-key')));
    const scroll = this.card.querySelector('pre.json');
    const scrollTop = scroll ? scroll.scrollTop : 0;
    const sameScreen = this.drawn === this.state.screen;

    this.card.setAttribute('lang', tx.lang);
    this.card.setAttribute('aria-label', tx.t('widget.label'));
    clear(this.card);
    const screen = SCREENS[this.state.screen].render({ tx, act: this, state: this.state, uid: this.uid });
    this.screenEl = screen;
    this.announcer = h('p', { class: 'vh', role: 'status', 'aria-live': 'polite' });
    // The decline screen belongs to the step the participant came from.
    const step = this.state.screen === 'decline' ? this.state.declineFrom : this.state.screen;
    this.card.append(indicator(tx, step), screen, this.announcer);
    this.drawn = this.state.screen;

    if (sameScreen) {
      for (const d of this.card.querySelectorAll('details[data-key]')) {
        if (openKeys.has(d.getAttribute('data-key'))) d.open = true;
      }
      const pre = this.card.querySelector('pre.json');
      if (pre) pre.scrollTop = scrollTop;
    }
    const key = focusKey || activeKey;
    const target = key ? this.findKey(key) : null;
    if (target) target.focus();
    else if (this.interacted && !keepFocus) {
      const title = screen.querySelector('.screen-title');
      if (title) title.focus();
    }
  }

  findKey(key) {
    for (const el of this.card.querySelectorAll('[data-key]')) if (el.getAttribute('data-key') === key) return el;
    return null;
  }

  announce(text) {
    // The region exists before its text changes; clear first so a repeat is read again.
    if (!this.announcer) return; // not drawn yet: its language is still loading
    this.announcer.textContent = '';
    setTimeout(() => { this.announcer.textContent = text; }, 50);
  }

  /** go shows another screen (used by Back, Retry and Continue buttons). */
  go(screen) {
    this.interacted = true;
    if (screen === 'choose') this.state = { ...freshState(), screen: 'choose' };
    else this.state.screen = screen;
    this.render();
  }

  start() {
    this.interacted = true;
    try {
      const api = this.engine();
      if (typeof api.ready === 'function') api.ready().catch(() => {});
    } catch (e) {
      // Reported when the participant picks a file.
    }
    this.go('choose');
  }

  /**
   * setStatus reports how far the participant got (see reportStatus):
   * step is one of STATUSES; extra may add reason and error.
   */
  setStatus(step, extra = {}) {
    const status = { schema: STATUS_SCHEMA, status: step, attempts: this.attempts, errors: this.errors.filter(isCode) };
    if (extra.reason) status.reason = extra.reason;
    if (isCode(extra.error)) status.error = extra.error;
    reportStatus(this, status);
  }

  /** pick reads the chosen input: its profiles first, then the summary. */
  async pick(input) {
    this.interacted = true;
    this.attempts++;
    this.setStatus('file_chosen');
    this.state = { ...freshState(), input, screen: 'working', stage: 'profiles' };
    this.render();
    const job = this.newJob();
    try {
      const api = this.engine();
      const profiles = await api.profiles(input, { signal: this.abort.signal });
      if (job !== this.job) return;
      if (profiles.length > 1) {
        this.state.profiles = profiles;
        this.state.screen = 'profile';
        this.render();
        return;
      }
      await this.extract(job, 'all');
    } catch (e) {
      if (job === this.job) this.fail(codeOf(e));
    }
  }

  /** chooseProfiles continues with the participant's own profiles. */
  async chooseProfiles(names) {
    this.interacted = true;
    this.state.chosen = names;
    this.state.screen = 'working';
    this.state.stage = 'loading';
    this.state.progress = 0;
    this.render();
    const job = this.newJob();
    try {
      await this.extract(job, names);
    } catch (e) {
      if (job === this.job) this.fail(codeOf(e));
    }
  }

  newJob() {
    if (this.abort) this.abort.abort();
    this.abort = new AbortController();
    this.state.cancelled = false;
    return ++this.job;
  }

  async extract(job, profiles) {
    const api = this.engine();
    const options = {
      ...this.config.extract,
      profiles,
      signal: this.abort.signal,
      onProgress: (fraction, stage) => {
        if (job !== this.job || this.state.screen !== 'working') return;
        this.state.progress = fraction;
        this.state.stage = stage;
        if (this.screenEl && this.screenEl.update) this.screenEl.update(fraction, stage);
      },
    };
    const summary = await api.extract(this.state.input, options);
    if (job !== this.job) return;
    this.state.summary = summary;
    if (this.screenEl && this.screenEl.update) this.screenEl.update(1, 'sharing');
    this.state.share = await this.computeShare();
    if (job !== this.job) return;
    this.state.screen = 'review';
    this.render();
    this.setStatus('reviewed');
  }

  /** computeShare asks the engine for the exact JSON for the current choices. */
  async computeShare() {
    const api = this.engine();
    const { summary, omitted, noTitles, removed } = this.state;
    const result = await api.share(summary, {
      blocks: this.config.blocks.filter((b) => !omitted.includes(b)),
      removeTitles: noTitles ? (summary.titles || []).map((t) => t.name) : removed.slice(),
      maxBytes: this.config.maxBytes,
    });
    return { json: result.json, summary: result.summary || JSON.parse(result.json) };
  }

  /** cancel stops reading and returns to the choose screen. */
  cancel() {
    this.interacted = true;
    this.job++;
    if (this.abort) this.abort.abort();
    this.abort = null;
    this.state = { ...freshState(), screen: 'choose', cancelled: true };
    this.render();
  }

  removeTitle(name) {
    if (this.state.removed.includes(name)) return;
    const all = this.state.summary.titles || [];
    const kept = all.filter((t) => t.name !== name && !this.state.removed.includes(t.name));
    const idx = all.filter((t) => !this.state.removed.includes(t.name)).findIndex((t) => t.name === name);
    this.state.removed.push(name);
    const next = kept[Math.min(idx, kept.length - 1)];
    this.updateShare(next ? 'remove:' + next.name : 'titles-heading');
    this.announce(this.texts().t('review.removedStatus', { title: name }));
  }

  restoreTitle(name) {
    this.state.removed = this.state.removed.filter((n) => n !== name);
    this.updateShare('remove:' + name);
    this.announce(this.texts().t('review.restoredStatus', { title: name }));
  }

  /**
   * shareNoTitles shares no titles at all (on) or the list again, with the
   * titles removed one by one still removed (off).
   */
  shareNoTitles(on) {
    this.state.noTitles = on;
    this.updateShare(on ? 'titles-all' : 'titles-none');
    this.announce(this.texts().t(on ? 'review.noneStatus' : 'review.allStatus'));
  }

  /** shareBlock shares (on) or leaves out a block the study made optional. */
  shareBlock(block, on) {
    const omitted = this.state.omitted.filter((b) => b !== block);
    if (!on) omitted.push(block);
    this.state.omitted = omitted;
    this.updateShare('block:' + block);
  }

  async updateShare(focusKey) {
    this.interacted = true;
    const seq = ++this.shareSeq;
    this.state.sharePending = true;
    const pending = this.computeShare();
    this.state.sharePromise = pending;
    this.render({ focusKey, keepFocus: true });
    try {
      const result = await pending;
      if (seq !== this.shareSeq) return;
      this.state.share = result;
      this.state.sharePending = false;
      if (this.state.screen === 'review') this.render({ keepFocus: true });
    } catch (e) {
      if (seq === this.shareSeq) this.fail(codeOf(e));
    }
  }

  /** share hands the exact JSON shown in the review to the host. */
  async share() {
    this.interacted = true;
    try {
      while (this.state.sharePending) {
        const p = this.state.sharePromise;
        await p;
        if (p === this.state.sharePromise) break;
      }
    } catch (e) {
      return;
    }
    const { json, summary } = this.state.share;
    this.state.outcome = 'donate';
    this.state.screen = 'done';
    this.render();
    deliver(this, 'donate', { summary, json });
    this.setStatus('shared');
  }

  /**
   * askDecline shows the decline screen: the participant confirms not
   * sharing and chooses why, or goes back to where they were. After an
   * error, "it did not work" is chosen already, with that error's code.
   */
  askDecline() {
    this.interacted = true;
    const from = this.state.screen;
    const opener = this.root.activeElement;
    this.state.declineFrom = from;
    this.state.declineOpener = opener ? opener.getAttribute('data-key') : null;
    this.state.declineReason = from === 'error' ? 'did_not_work' : null;
    this.state.declineError = from === 'error' ? this.state.error : this.errors[this.errors.length - 1] || null;
    this.state.screen = 'decline';
    this.render();
  }

  /** backFromDecline returns to the screen that led to the decline screen, focusing the button pressed there. */
  backFromDecline() {
    this.interacted = true;
    this.state.screen = this.state.declineFrom || 'intro';
    this.render({ focusKey: this.state.declineOpener });
  }

  /**
   * decline tells the host the participant does not share, and why: reason
   * is one of DECLINE_REASONS; with did_not_work, error is the code of the
   * error met (the last one by default).
   */
  decline(reason = 'not_wanted', error = null) {
    if (!DECLINE_REASONS.includes(reason)) reason = 'not_wanted';
    if (reason === 'did_not_work' && !error) error = this.errors[this.errors.length - 1] || null;
    if (reason !== 'did_not_work') error = null;
    this.interacted = true;
    this.job++;
    if (this.abort) this.abort.abort();
    this.abort = null;
    this.state = { ...freshState(), screen: 'done', outcome: 'decline', declineReason: reason, declineError: error };
    this.render();
    const detail = { reason, error, json: declinedJSON(reason, error) };
    deliver(this, 'decline', detail);
    this.setStatus('declined', { reason, error });
  }

  fail(code) {
    this.state.error = code;
    this.state.screen = 'error';
    this.render();
    deliver(this, 'error', { code });
    this.errors.push(code);
    if (this.errors.length > MAX_STATUS_ERRORS) this.errors.shift();
    this.setStatus('error', { error: code });
  }
}

function freshState() {
  return {
    screen: 'intro',
    input: null,
    stage: 'loading',
    progress: 0,
    profiles: [],
    chosen: [],
    summary: null,
    share: null,
    sharePending: false,
    sharePromise: null,
    removed: [],
    noTitles: false,
    omitted: [],
    declineFrom: null,
    declineOpener: null,
    declineReason: null,
    declineError: null,
    error: null,
    outcome: null,
    cancelled: false,
  };
}

function withCode(code) {
  const e = new Error(code);
  e.code = code;
  return e;
}

function codeOf(e) {
  return (e && typeof e.code === 'string' && e.code) || 'internal';
}

if (!customElements.get('netflix-donation')) {
  customElements.define('netflix-donation', NetflixDonationElement);
}
