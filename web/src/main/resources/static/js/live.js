// Live regions: an element with data-live="ticket|order" (and data-live-id for one record) is re-fetched
// from its data-src when the server pushes a change of that kind (server-sent events from /live, fed by
// the event stream). Each time the stream (re)opens, every region is re-fetched once, so a page catches up
// on what it missed while disconnected.
import { fragment } from './api.js';
import { startCountdown } from './countdown.js';

const regions = () => [...document.querySelectorAll('[data-live]')];

async function refresh(el) {
  if (el.contains(document.activeElement) && document.activeElement.matches('input, textarea, select')) {
    el.dataset.stale = 'true'; // do not pull a form away from someone typing in it
    return;
  }
  try {
    const fresh = await fragment(el.dataset.src);
    // Unchanged content stays in place: nothing flickers, no focus or click target is lost.
    if (fresh && fresh.innerHTML !== el.innerHTML) {
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
    regions().forEach(refresh);
  });
  stream.addEventListener('error', () => { document.documentElement.dataset.live = 'reconnecting'; });
  for (const kind of ['ticket', 'order']) stream.addEventListener(kind, (e) => changed(kind, e.data));
}

document.addEventListener('focusout', () => {
  setTimeout(() => document.querySelectorAll('[data-live][data-stale]').forEach(refresh), 0);
});
startCountdown();
connect();
