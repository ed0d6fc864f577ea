// Live regions: an element with data-live="ticket|order" (and data-live-id for one record) is re-fetched
// from its data-src when the server pushes a change of that kind (server-sent events from /live, fed by
// the event stream). Each time the stream (re)opens, every region is re-fetched once, so a page catches up
// on what it missed while disconnected.
import { fragment } from './api.js';
import { startCountdown } from './countdown.js';

const regions = () => [...document.querySelectorAll('[data-live]')];

// The region's HTML as the server sent it: texts the scripts changed (the countdown) put back.
function served(el) {
  const copy = el.cloneNode(true);
  copy.querySelectorAll('[data-text]').forEach((t) => { t.textContent = t.dataset.text; t.removeAttribute('data-text'); });
  return copy.innerHTML;
}

// catchUp: the stream (re)opened, nothing known to have changed. A region showing the errors of the form
// just posted keeps them then; a pushed change of its record replaces it.
async function refresh(el, catchUp = false) {
  if (catchUp && el.querySelector('.error, .errors')) return;
  if (el.contains(document.activeElement) && document.activeElement.matches('input, textarea, select')) {
    el.dataset.stale = 'true'; // do not pull a form away from someone typing in it
    return;
  }
  try {
    const fresh = await fragment(el.dataset.src + location.search); // keeps ?saved / ?paid notices
    // Unchanged content stays in place: nothing flickers, no focus or click target is lost.
    if (fresh && fresh.innerHTML !== served(el)) {
      el.replaceWith(fresh);
      startCountdown();
    }
  } catch (e) {
    console.warn('live refresh failed', e);
  }
}

function changed(kind, id) {
  for (const el of regions()) {
    if (el.dataset.live === kind && (!el.dataset.liveId || el.dataset.liveId === id)) refresh(el);
  }
}

function connect() {
  if (regions().length === 0) return;
  const stream = new EventSource('/live');
  stream.addEventListener('open', () => {
    document.documentElement.dataset.live = 'open';
    regions().forEach((el) => refresh(el, true));
  });
  stream.addEventListener('error', () => { document.documentElement.dataset.live = 'reconnecting'; });
  for (const kind of ['ticket', 'order']) stream.addEventListener(kind, (e) => changed(kind, e.data));
}

document.addEventListener('focusout', () => {
  setTimeout(() => document.querySelectorAll('[data-live][data-stale]').forEach(refresh), 0);
});
startCountdown();
connect();
