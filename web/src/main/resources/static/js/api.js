// The page's one client of the web tier: the HTML fragments live regions re-render, and forms posted
// without leaving the page. Both answer HTML, the same the pages are made of without scripts.
const html = (text) => new DOMParser().parseFromString(text, 'text/html');

export async function fragment(src) {
  const response = await fetch(src, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
  if (!response.ok) throw new Error(`${src}: ${response.status}`);
  const template = document.createElement('template');
  template.innerHTML = (await response.text()).trim();
  return template.content.firstElementChild;
}

// Posts the form as the browser would; the answer is the page it leads to (a redirect is followed):
// { url, page } where page is the parsed document, or null when the server answered no page (5xx).
export async function post(form) {
  const response = await fetch(form.action, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { Accept: 'text/html' },
    body: new URLSearchParams(new FormData(form)),
  });
  return { url: response.url, page: response.status >= 500 ? null : html(await response.text()) };
}
