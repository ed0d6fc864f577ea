// Turns <time id="countdown" datetime="..."> into a live "m:ss left"; no network, just the clock.
let timer;

export function startCountdown() {
  clearInterval(timer);
  const el = document.getElementById('countdown');
  if (!el) return;
  const end = Date.parse(el.getAttribute('datetime'));
  if (!('text' in el.dataset)) el.dataset.text = el.textContent; // what the server sent, see live.js
  const tick = () => {
    const left = Math.max(0, Math.round((end - Date.now()) / 1000));
    el.textContent = left > 0 ? `in ${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}` : 'now…';
    if (left === 0) clearInterval(timer);
  };
  tick();
  timer = setInterval(tick, 1000);
}
