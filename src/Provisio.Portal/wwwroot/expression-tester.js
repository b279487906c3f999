// The expression tester of the attribute-mapping editor, live: while the administrator types in the tester form
// (form[data-live-tester]), the form is submitted ~400 ms after the last keystroke as the GET it is, and only the
// tester's output ([data-tester-output]) is replaced, so the field being typed in keeps its focus and caret. The URL
// follows (history.replaceState), so the result stays shareable. Without this script the form's Test button does the same.
(() => {
  if (window.provisioExpressionTester) return;
  window.provisioExpressionTester = true;
  const delayMs = 400;
  let timer = 0;
  let latest = 0;

  async function submit(form) {
    const url = new URL(form.getAttribute('action') || location.pathname, document.baseURI);
    url.search = new URLSearchParams(new FormData(form)).toString();
    const ticket = ++latest;
    const output = document.querySelector('[data-tester-output]');
    if (output) output.setAttribute('aria-busy', 'true');
    try {
      const response = await fetch(url, { headers: { 'Accept': 'text/html' }, credentials: 'same-origin' });
      if (!response.ok || ticket !== latest) return;
      const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
      const next = fresh.querySelector('[data-tester-output]');
      const current = document.querySelector('[data-tester-output]');
      if (next && current) current.innerHTML = next.innerHTML;
      history.replaceState(history.state, '', url);
    } catch { /* offline for a moment: the Test button still works */ }
    finally {
      if (ticket === latest) document.querySelector('[data-tester-output]')?.removeAttribute('aria-busy');
    }
  }

  document.addEventListener('input', event => {
    const form = event.target instanceof Element ? event.target.closest('form[data-live-tester]') : null;
    if (!form) return;
    clearTimeout(timer);
    timer = setTimeout(() => submit(form), delayMs);
  });
})();
