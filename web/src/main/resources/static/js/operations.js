// The operations dashboard: the server pushes a snapshot of every service's figures (server-sent events,
// every 5 s while it is open); each one re-renders the tables and the lag charts. No polling here: the stream is the clock.
import { formatSeconds, lagChart } from './lag-chart.js';

const services = document.getElementById('services');
const deadLetters = document.getElementById('dead-letters');

function h(name, attrs = {}, ...children) {
  const node = document.createElement(name);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) node.setAttribute(k, v);
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

const count = (n) => (n === null || n === undefined ? '–' : String(Math.round(n)));
const ERROR_SHOWN = 70;

// A consumer's name may break after its queue group: "orders-service_" <wbr> "ticket-updated".
function consumerName(name) {
  const at = name.indexOf('_');
  if (at < 0) return document.createTextNode(name);
  return h('span', {}, name.slice(0, at + 1), h('wbr'), name.slice(at + 1));
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString([], { dateStyle: 'short', timeStyle: 'medium' }) : '';
}

function consumerRow(service, c, snapshot) {
  const dead = c.deadLetters.total === 0 ? '0' : `${c.deadLetters.total} (${c.deadLetters.replayed} replayed)`;
  return h('tr', { 'data-consumer': c.consumer },
    h('th', { scope: 'row' }, consumerName(c.consumer)),
    h('td', { class: 'num pending' }, count(c.pending)),
    h('td', { class: 'num' }, count(c.ackPending)),
    h('td', { class: 'num applied' }, count(c.applied)),
    h('td', { class: 'num redeliveries' }, count(c.redeliveries)),
    h('td', { class: 'num' }, count(c.failures)),
    h('td', { class: 'num dead' }, dead),
    h('td', { class: 'chart' }, lagChart(c.lag, {
      to: snapshot.at, windowMs: snapshot.windowSeconds * 1000, label: `${service.name} ${c.consumer} lag` })));
}

function outbox(service) {
  if (!service.up) return h('p', { class: 'errors' }, 'No answer from its metrics endpoint.');
  if (service.outboxPending === null) return h('p', { class: 'muted' }, 'No outbox.');
  const oldest = service.outboxPending > 0 ? `, the oldest ${formatSeconds(service.outboxOldestAgeSeconds)} old` : '';
  const republished = service.outboxRepublished > 0
    ? h('span', { class: 'republished' }, ` Published again after the broker lost them: ${count(service.outboxRepublished)}.`)
    : null;
  return h('p', { class: 'outbox' }, `Outbox backlog: ${count(service.outboxPending)} pending${oldest}.`, republished);
}

function serviceSection(service, snapshot) {
  const head = h('tr', {}, ...['Consumer', 'Pending', 'Ack pending', 'Applied', 'Redeliveries', 'Failures',
    'Dead letters', `Lag, last ${snapshot.windowSeconds / 60} min`].map((t) => h('th', { scope: 'col' }, t)));
  const table = service.consumers.length === 0 ? h('p', { class: 'muted' }, 'No consumers.')
    : h('table', {}, h('thead', {}, head),
      h('tbody', {}, ...service.consumers.map((c) => consumerRow(service, c, snapshot))));
  return h('section', { class: `service ${service.up ? 'up' : 'down'}`, 'data-service': service.name },
    h('h3', {}, service.name), outbox(service), table);
}

function replayForm(d) {
  return h('form', { method: 'post', action: `/admin/operations/deadletters/${d.sequence}/replay`, class: 'inline',
    id: `replay-${d.sequence}` },
  h('input', { type: 'hidden', name: 'service', value: d.service }),
  h('button', { type: 'submit' }, 'Replay'));
}

function deadLetterTable(dl) {
  if (!dl.known) return h('p', { class: 'muted' }, 'Reading the dead letters…');
  if (dl.items.length === 0) return h('p', { id: 'no-dead-letters' }, 'No dead letters.');
  const head = h('tr', {}, ...['#', 'Consumer', 'Subject', 'Deliveries', 'Error', 'Dead-lettered', 'State', '']
    .map((t) => h('th', { scope: 'col' }, t)));
  const rows = dl.items.map((d) => h('tr', { 'data-sequence': d.sequence, 'data-consumer': d.consumer },
    h('td', { class: 'num' }, String(d.sequence)),
    h('td', {}, consumerName(d.consumer)),
    h('td', {}, d.originalSubject),
    h('td', { class: 'num' }, String(d.deliveries)),
    h('td', { class: 'error-text', title: d.error },
      d.error.length > ERROR_SHOWN ? `${d.error.slice(0, ERROR_SHOWN)}…` : d.error),
    h('td', {}, when(d.time)),
    h('td', { class: 'state', id: `dead-letter-state-${d.sequence}` }, d.replayedAt ? 'replayed' : 'dead'),
    h('td', {}, replayForm(d))));
  return h('table', { id: 'dead-letter-list' }, h('thead', {}, head), h('tbody', {}, ...rows));
}

// Unchanged parts stay in place: no flicker, and no button taken away from under the pointer.
function show(container, fresh) {
  const old = container.firstElementChild;
  if (old && old.outerHTML === fresh.outerHTML && container.childElementCount === 1) return;
  container.replaceChildren(fresh);
}

function render(snapshot) {
  show(services, h('div', {}, ...snapshot.services.map((s) => serviceSection(s, snapshot))));
  show(deadLetters, deadLetterTable(snapshot.deadLetters));
  document.getElementById('updated').textContent = snapshot.at
    ? `Updated ${new Date(snapshot.at).toLocaleTimeString()}.` : 'Waiting for the first figures…';
}

const stream = new EventSource(services.dataset.stream);
stream.addEventListener('snapshot', (e) => render(JSON.parse(e.data)));
stream.addEventListener('open', () => { document.documentElement.dataset.streamState = 'open'; });
stream.addEventListener('error', () => { document.documentElement.dataset.streamState = 'reconnecting'; });
