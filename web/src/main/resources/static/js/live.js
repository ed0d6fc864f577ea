// Live regions: an element with an id, data-live="ticket|order|account" (and data-live-id for one record)
// is re-fetched from its data-src when the server pushes a change of that kind (server-sent events from
// /live, fed by the event stream). Each time the stream (re)opens, every region is re-fetched once, so a
// page catches up on what it missed while disconnected. A form with data-enhance inside a region is posted
// without leaving the page; the region then shows the page the post led to. The stream's state is shown on
// <html data-stream-state="open|reconnecting">: never as data-live, which would make the page a region.
import { fragment, post } from './api.js';
import { startCountdown } from './countdown.js';

const regions = () => [...document.querySelectorAll('[data-live]')];
// The newest re-fetch asked for, per region: an older answer arriving later is dropped, never shown.
const newest = new Map();
let asked = 0;

// The region's HTML as the server sent it: texts the scripts changed (the countdown) put back.
function served(el) {
  const copy = el.cloneNode(true);
  copy.querySelectorAll('[data-text]').forEach((t) => { t.textContent = t.dataset.text; t.removeAttribute('data-text'); });
  return copy.innerHTML;
}

// Shows fresh content in the region of that id, unless a newer re-fetch was asked for meanwhile.
function show(id, ticket, fresh) {
  const current = document.getElementById(id);
  if (newest.get(id) !== ticket || !current || !fresh) return;
  // Unchanged content stays in place: nothing flickers, no focus or click target is lost.
  if (fresh.innerHTML !== served(current)) {
    current.replaceWith(fresh);
    startCountdown();
  }
}

const ask = (id) => { newest.set(id, ++asked); return asked; };

// catchUp: the stream (re)opened, nothing known to have changed. A region showing the errors of the form
// just posted keeps them then; a pushed change of its record replaces it. search: the query of the
// re-fetch (by default the page's own, which keeps ?saved / ?paid / ?done notices).
async function refresh(el, { catchUp = false, search = location.search } = {}) {
  if (!el.dataset.src) {
    console.warn('live region without data-src, not re-fetched', el);
    return;
  }
  if (catchUp && el.querySelector('.error, .errors')) return;
  if (el.contains(document.activeElement) && document.activeElement.matches('input, textarea, select')) {
    el.dataset.stale = 'true'; // do not pull a form away from someone typing in it
    return;
  }
  const ticket = ask(el.id);
  try {
    show(el.id, ticket, await fragment(el.dataset.src + search));
  } catch (e) {
    console.warn('live refresh failed', e);
  }
}

// A user's account change carries the number of their transaction: the history shows it at once, then
// the balance is asked as of it (the server waits, bounded, for the accounts service to apply it).
async function changed(kind, data) {
  for (const el of regions()) {
    if (el.dataset.live !== kind || (el.dataset.liveId && el.dataset.liveId !== data)) continue;
    if (kind !== 'account') { refresh(el); continue; }
    await refresh(el, { search: '' });
    const now = document.getElementById(el.id);
    if (now) refresh(now, { search: `?done=${encodeURIComponent(data)}` });
  }
}

function connect() {
  if (regions().length === 0) return;
  const stream = new EventSource('/live');
  stream.addEventListener('open', () => {
    document.documentElement.dataset.streamState = 'open';
    regions().forEach((el) => refresh(el, { catchUp: true }));
  });
  stream.addEventListener('error', () => { document.documentElement.dataset.streamState = 'reconnecting'; });
  for (const kind of ['ticket', 'order', 'account']) stream.addEventListener(kind, (e) => changed(kind, e.data));
}

async function submitInPlace(event) {
  const form = event.target.closest('form[data-enhance]');
  const region = form && form.closest('[data-live]');
  if (!region) return; // a plain form: the browser posts it
  event.preventDefault();
  const ticket = ask(region.id);
  form.querySelectorAll('button').forEach((b) => { b.disabled = true; });
  try {
    const { url, page } = await post(form);
    const fresh = page && page.getElementById(region.id);
    if (!fresh) { location.assign(url); return; }
    if (new URL(url).pathname === location.pathname) history.replaceState(null, '', url); // e.g. ?paid
    show(region.id, ticket, document.importNode(fresh, true));
  } catch (e) {
    console.warn('posting in place failed; showing the page as it is now', e); // never posted twice
    location.reload();
  } finally {
    form.querySelectorAll('button').forEach((b) => { b.disabled = false; });
  }
}

document.addEventListener('submit', submitInPlace);
document.addEventListener('focusout', () => {
  setTimeout(() => document.querySelectorAll('[data-live][data-stale]').forEach((el) => refresh(el)), 0);
});
startCountdown();
connect();
