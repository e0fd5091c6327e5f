// <netflix-donation>: the participant's side of a Netflix data donation.
//
// This ES module defines the custom element. web/netflix-donation.js (the
// one classic script a page loads) imports it. The element reads the
// chosen file once, with the page's shared engine (engine.js), into a
// session in a worker on this device; the profile screen and the review
// come from that session, also after going back to change the profiles.
// Nothing leaves the element before the participant presses Share.
//
// Attributes, each also a property of the same name in camelCase:
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
// Properties besides: engine, the Engine the element reads with (default:
// sharedEngine(); a page or a test may set another before a file is
// chosen).
// Events (bubbling, composed): netflix-donation:donate {summary, json},
// netflix-donation:decline {reason, error, json}, netflix-donation:error
// {code}, netflix-donation:status {schema, status, attempts, errors,
// reason?, error?, reviewed?}.

import { h, clear } from './element/dom.js';
import { sheet } from './element/styles.js';
import { Texts, resolveLang, langLoaded, loadLang } from './element/i18n.js';
import { parseConfig } from './element/config.js';
import { indicator } from './element/steps.js';
import { deliver, reportStatus, postHeight, declinedJSON, isCode, DECLINE_REASONS, STATUS_SCHEMA, MAX_STATUS_ERRORS } from './element/host.js';
import { sharedEngine } from './engine.js';
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

/** ATTRIBUTES maps each reflected property to its attribute. */
const ATTRIBUTES = Object.freeze({
  lang: 'lang',
  config: 'config',
  output: 'output',
  statusOutput: 'status-output',
  postMessageOrigin: 'post-message-origin',
});

/** NetflixDonationElement is the <netflix-donation> custom element. */
export class NetflixDonationElement extends HTMLElement {
  static get observedAttributes() {
    return ['lang', 'config', 'post-message-origin'];
  }

  #uid = 'nd' + (++counter);
  #root;
  #card;
  #state = freshState();
  #config = null;
  #configError = null;
  #engine = null;
  #session = null; // the chosen file, read (an engine Session)
  #abort = null; // aborts the work in flight
  #job = 0; // counts the participant's actions, to drop stale answers
  #shareSeq = 0;
  #interacted = false;
  #resizer = null;
  #attempts = 0; // files chosen
  #errors = []; // error codes met, oldest first
  #reviewed = false; // a review was shown: the status keeps saying so after a decline or an error
  #statusReported = false;
  #screenEl = null;
  #announcer = null;
  #drawn = null;
  #act = this.#controller();

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    this.#root.adoptedStyleSheets = [sheet()];
    this.#card = h('div', { class: 'card', role: 'region' });
    this.#root.appendChild(this.#card);
  }

  /** engine is the Engine the element reads with: the page's shared one unless set. */
  get engine() {
    return this.#engine || sharedEngine();
  }

  set engine(engine) {
    this.#engine = engine || null;
  }

  connectedCallback() {
    if (!this.#statusReported) {
      this.#statusReported = true;
      // After the current task, so that a status field placed after the
      // element in the page exists by then.
      setTimeout(() => this.#setStatus('reached'), 0);
    }
    this.#readConfig();
    if (this.#configError && this.#state.screen === 'intro') {
      this.#fail(this.#configError);
      return;
    }
    this.#render();
    this.#watchSize();
  }

  /** disconnectedCallback stops the work in flight and drops what was read. */
  disconnectedCallback() {
    if (this.#resizer) {
      this.#resizer.disconnect();
      this.#resizer = null;
    }
    this.#stopWork();
    this.#closeSession();
  }

  attributeChangedCallback(name, before, after) {
    if (before === after || !this.isConnected) return;
    if (name === 'post-message-origin') {
      this.#watchSize();
      return;
    }
    if (name === 'config') this.#readConfig();
    this.#render({ keepFocus: true });
  }

  /**
   * #controller is what the screens may do: the participant's actions,
   * and the study's config. Screens get it as their act.
   */
  #controller() {
    const self = this;
    return Object.freeze({
      get config() { return self.#config; },
      go: (screen) => this.#go(screen),
      start: () => this.#start(),
      pick: (input) => this.#pick(input),
      cancel: () => this.#cancel(),
      chooseProfiles: (names) => this.#chooseProfiles(names),
      removeTitle: (name) => this.#removeTitle(name),
      restoreTitle: (name) => this.#restoreTitle(name),
      shareNoTitles: (on) => this.#shareNoTitles(on),
      shareBlock: (block, on) => this.#shareBlock(block, on),
      share: () => this.#share(),
      askDecline: () => this.#askDecline(),
      backFromDecline: () => this.#backFromDecline(),
      decline: (reason, error) => this.#decline(reason, error),
    });
  }

  /** #watchSize reports the widget's height to an iframe host (post-message-origin). */
  #watchSize() {
    if (this.#resizer || typeof ResizeObserver !== 'function' || !this.hasAttribute('post-message-origin')) return;
    this.#resizer = new ResizeObserver(() => postHeight(this, this.#card.getBoundingClientRect().height + 2));
    this.#resizer.observe(this.#card);
  }

  #readConfig() {
    try {
      this.#config = parseConfig(this.getAttribute('config'));
      this.#configError = null;
    } catch (e) {
      this.#config = parseConfig(null);
      this.#configError = 'bad_options';
    }
  }

  #texts() {
    return new Texts(resolveLang(this), this.#config && this.#config.texts);
  }

  /** #render draws the current screen; it focuses the heading after a participant's action. */
  #render(options = {}) {
    // A language other than English loads on first use: draw once it is there.
    const lang = resolveLang(this);
    if (!langLoaded(lang)) {
      loadLang(lang).then(() => this.#render(options));
      return;
    }
    const { keepFocus = false, focusKey = null } = options;
    const tx = this.#texts();
    const card = this.#card;
    const state = this.#state;
    const active = this.#root.activeElement;
    const activeKey = keepFocus && active ? active.getAttribute('data-key') : null;
    const openKeys = new Set(Array.from(card.querySelectorAll('details[open][data-key]'), (d) => d.getAttribute('data-key')));
    const scroll = card.querySelector('pre.json');
    const scrollTop = scroll ? scroll.scrollTop : 0;
    const sameScreen = this.#drawn === state.screen;

    card.setAttribute('lang', tx.lang);
    card.setAttribute('aria-label', tx.t('widget.label'));
    clear(card);
    const screen = SCREENS[state.screen].render({ tx, act: this.#act, state, uid: this.#uid });
    this.#screenEl = screen;
    this.#announcer = h('p', { class: 'vh', role: 'status', 'aria-live': 'polite' });
    // The decline screen belongs to the step the participant came from.
    const step = state.screen === 'decline' ? state.declineFrom : state.screen;
    card.append(indicator(tx, step), screen, this.#announcer);
    this.#drawn = state.screen;

    if (sameScreen) {
      for (const d of card.querySelectorAll('details[data-key]')) {
        if (openKeys.has(d.getAttribute('data-key'))) d.open = true;
      }
      const pre = card.querySelector('pre.json');
      if (pre) pre.scrollTop = scrollTop;
    }
    const key = focusKey || activeKey;
    const target = key ? this.#findKey(key) : null;
    if (target) target.focus();
    else if (this.#interacted && !keepFocus) {
      const title = screen.querySelector('.screen-title');
      if (title) title.focus();
    }
  }

  #findKey(key) {
    for (const el of this.#card.querySelectorAll('[data-key]')) if (el.getAttribute('data-key') === key) return el;
    return null;
  }

  #announce(text) {
    // The region exists before its text changes; clear first so a repeat is read again.
    if (!this.#announcer) return; // not drawn yet: its language is still loading
    const region = this.#announcer;
    region.textContent = '';
    setTimeout(() => { region.textContent = text; }, 50);
  }

  /** #go shows another screen (Back, Retry and Continue buttons). Choosing a file again drops the file read. */
  #go(screen) {
    this.#interacted = true;
    if (screen === 'choose') {
      this.#closeSession();
      this.#state = { ...freshState(), screen: 'choose' };
    } else {
      this.#state.screen = screen;
    }
    this.#render();
  }

  #start() {
    this.#interacted = true;
    Promise.resolve().then(() => this.engine.ready()).catch(() => {}); // reported when a file is chosen
    this.#go('choose');
  }

  /**
   * #setStatus reports how far the participant got (see reportStatus):
   * step is one of STATUSES; extra may add reason and error.
   */
  #setStatus(step, extra = {}) {
    if (step === 'reviewed') this.#reviewed = true;
    const status = { schema: STATUS_SCHEMA, status: step, attempts: this.#attempts, errors: this.#errors.filter(isCode) };
    if (this.#reviewed) status.reviewed = true;
    if (extra.reason) status.reason = extra.reason;
    if (isCode(extra.error)) status.error = extra.error;
    reportStatus(this, status);
  }

  /** #newJob stops the work in flight and starts counting a new one. */
  #newJob() {
    this.#stopWork();
    this.#abort = new AbortController();
    this.#state.cancelled = false;
    return this.#job;
  }

  #stopWork() {
    this.#job++;
    if (this.#abort) this.#abort.abort();
    this.#abort = null;
  }

  #closeSession() {
    if (this.#session) this.#session.close().catch(() => {});
    this.#session = null;
  }

  /**
   * #pick reads the chosen input once: its profiles, then, with one
   * profile, the review; with several, the profile screen first.
   */
  async #pick(input) {
    this.#interacted = true;
    this.#attempts++;
    this.#setStatus('file_chosen');
    this.#closeSession();
    this.#state = { ...freshState(), screen: 'working', stage: 'loading' };
    this.#render();
    const job = this.#newJob();
    try {
      const session = await this.engine.open(input, {
        ...this.#config.extract,
        signal: this.#abort.signal,
        onProgress: (fraction, stage) => this.#progress(job, fraction, stage),
      });
      if (job !== this.#job) {
        session.close().catch(() => {});
        return;
      }
      this.#session = session;
      this.#state.profiles = session.profiles;
      if (session.profiles.length > 1) {
        this.#state.screen = 'profile';
        this.#render();
        return;
      }
      await this.#summarise(job, 'all');
    } catch (e) {
      if (job === this.#job) this.#fail(codeOf(e));
    }
  }

  #progress(job, fraction, stage) {
    if (job !== this.#job || this.#state.screen !== 'working') return;
    this.#state.progress = fraction;
    this.#state.stage = stage;
    if (this.#screenEl && this.#screenEl.update) this.#screenEl.update(fraction, stage);
  }

  /** #chooseProfiles continues with the participant's own profiles, from the file already read. */
  async #chooseProfiles(names) {
    this.#interacted = true;
    this.#state.chosen = names;
    this.#state.removed = [];
    this.#state.noTitles = false;
    this.#state.screen = 'working';
    this.#state.stage = 'summarising';
    this.#state.progress = 0.95;
    this.#render();
    const job = this.#newJob();
    try {
      await this.#summarise(job, names);
    } catch (e) {
      if (job === this.#job) this.#fail(codeOf(e));
    }
  }

  /** #summarise builds the summary of the chosen profiles from the session, then its donation, and shows the review. */
  async #summarise(job, profiles) {
    const summary = await this.#session.summary(profiles);
    if (job !== this.#job) return;
    this.#state.summary = summary;
    if (this.#screenEl && this.#screenEl.update) this.#screenEl.update(1, 'sharing');
    this.#state.share = await this.#computeShare();
    if (job !== this.#job) return;
    this.#state.screen = 'review';
    this.#render();
    this.#setStatus('reviewed');
  }

  /** #computeShare asks the engine for the exact JSON for the current choices. */
  async #computeShare() {
    const { summary, omitted, noTitles, removed } = this.#state;
    const result = await this.engine.share(summary, {
      blocks: this.#config.blocks.filter((b) => !omitted.includes(b)),
      removeTitles: noTitles ? (summary.titles || []).map((t) => t.name) : removed.slice(),
      maxBytes: this.#config.maxBytes,
    });
    return { json: result.json, summary: result.summary || JSON.parse(result.json) };
  }

  /** #cancel stops reading and returns to the choose screen. */
  #cancel() {
    this.#interacted = true;
    this.#stopWork();
    this.#closeSession();
    this.#state = { ...freshState(), screen: 'choose', cancelled: true };
    this.#render();
  }

  #removeTitle(name) {
    const state = this.#state;
    if (state.removed.includes(name)) return;
    const all = state.summary.titles || [];
    const kept = all.filter((t) => t.name !== name && !state.removed.includes(t.name));
    const idx = all.filter((t) => !state.removed.includes(t.name)).findIndex((t) => t.name === name);
    state.removed.push(name);
    const next = kept[Math.min(idx, kept.length - 1)];
    this.#updateShare(next ? 'remove:' + next.name : 'titles-heading');
    this.#announce(this.#texts().t('review.removedStatus', { title: name }));
  }

  #restoreTitle(name) {
    this.#state.removed = this.#state.removed.filter((n) => n !== name);
    this.#updateShare('remove:' + name);
    this.#announce(this.#texts().t('review.restoredStatus', { title: name }));
  }

  /**
   * #shareNoTitles shares no titles at all (on) or the list again, with the
   * titles removed one by one still removed (off).
   */
  #shareNoTitles(on) {
    this.#state.noTitles = on;
    this.#updateShare(on ? 'titles-all' : 'titles-none');
    this.#announce(this.#texts().t(on ? 'review.noneStatus' : 'review.allStatus'));
  }

  /** #shareBlock shares (on) or leaves out a block the study made optional. */
  #shareBlock(block, on) {
    const omitted = this.#state.omitted.filter((b) => b !== block);
    if (!on) omitted.push(block);
    this.#state.omitted = omitted;
    this.#updateShare('block:' + block);
  }

  async #updateShare(focusKey) {
    this.#interacted = true;
    const state = this.#state;
    const seq = ++this.#shareSeq;
    state.sharePending = true;
    const pending = this.#computeShare();
    state.sharePromise = pending;
    this.#render({ focusKey, keepFocus: true });
    try {
      const result = await pending;
      if (seq !== this.#shareSeq) return;
      state.share = result;
      state.sharePending = false;
      if (state.screen === 'review') this.#render({ keepFocus: true });
    } catch (e) {
      if (seq === this.#shareSeq) this.#fail(codeOf(e));
    }
  }

  /** #share hands the exact JSON shown in the review to the host. */
  async #share() {
    this.#interacted = true;
    const state = this.#state;
    try {
      while (state.sharePending) {
        const p = state.sharePromise;
        await p;
        if (p === state.sharePromise) break;
      }
    } catch (e) {
      return;
    }
    const { json, summary } = state.share;
    state.outcome = 'donate';
    state.screen = 'done';
    this.#closeSession();
    this.#render();
    deliver(this, 'donate', { summary, json });
    this.#setStatus('shared');
  }

  /**
   * #askDecline shows the decline screen: the participant confirms not
   * sharing and chooses why, or goes back to where they were. After an
   * error, "it did not work" is chosen already, with that error's code.
   */
  #askDecline() {
    this.#interacted = true;
    const state = this.#state;
    const from = state.screen;
    const opener = this.#root.activeElement;
    state.declineFrom = from;
    state.declineOpener = opener ? opener.getAttribute('data-key') : null;
    state.declineReason = from === 'error' ? 'did_not_work' : null;
    state.declineError = from === 'error' ? state.error : this.#errors[this.#errors.length - 1] || null;
    state.screen = 'decline';
    this.#render();
  }

  /** #backFromDecline returns to the screen that led to the decline screen, focusing the button pressed there. */
  #backFromDecline() {
    this.#interacted = true;
    this.#state.screen = this.#state.declineFrom || 'intro';
    this.#render({ focusKey: this.#state.declineOpener });
  }

  /**
   * #decline tells the host the participant does not share, and why: reason
   * is one of DECLINE_REASONS; with did_not_work, error is the code of the
   * error met (the last one by default).
   */
  #decline(reason = 'not_wanted', error = null) {
    if (!DECLINE_REASONS.includes(reason)) reason = 'not_wanted';
    if (reason === 'did_not_work' && !error) error = this.#errors[this.#errors.length - 1] || null;
    if (reason !== 'did_not_work') error = null;
    this.#interacted = true;
    this.#stopWork();
    this.#closeSession();
    this.#state = { ...freshState(), screen: 'done', outcome: 'decline', declineReason: reason, declineError: error };
    this.#render();
    const detail = { reason, error, json: declinedJSON(reason, error) };
    deliver(this, 'decline', detail);
    this.#setStatus('declined', { reason, error });
  }

  #fail(code) {
    this.#state.error = code;
    this.#state.screen = 'error';
    this.#render();
    deliver(this, 'error', { code });
    this.#errors.push(code);
    if (this.#errors.length > MAX_STATUS_ERRORS) this.#errors.shift();
    this.#setStatus('error', { error: code });
  }
}

// Every attribute is also a property: reading gives the attribute (null
// when absent), setting writes it (null removes it; config also takes an
// object, written as JSON).
for (const [prop, attr] of Object.entries(ATTRIBUTES)) {
  Object.defineProperty(NetflixDonationElement.prototype, prop, {
    configurable: true,
    enumerable: true,
    get() { return this.getAttribute(attr); },
    set(v) {
      if (v === null || v === undefined) this.removeAttribute(attr);
      else this.setAttribute(attr, prop === 'config' && typeof v === 'object' ? JSON.stringify(v) : String(v));
    },
  });
}

function freshState() {
  return {
    screen: 'intro',
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

function codeOf(e) {
  return (e && typeof e.code === 'string' && e.code) || 'internal';
}

if (!customElements.get('netflix-donation')) {
  customElements.define('netflix-donation', NetflixDonationElement);
}
