// The page's one client of the web tier: fetches the HTML fragments that live regions re-render.
export async function fragment(src) {
  const response = await fetch(src, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
  if (!response.ok) throw new Error(`${src}: ${response.status}`);
  const template = document.createElement('template');
  template.innerHTML = (await response.text()).trim();
  return template.content.firstElementChild;
}
