// Keeps the parts of a page marked data-refresh (the progress panel) current while the page is visible: every five
// seconds the page is fetched again and those parts are replaced. Everything else is plain HTML and forms.
(() => {
  const everyMs = 5000;
  async function refresh() {
    const parts = document.querySelectorAll('[data-refresh]');
    if (!parts.length || document.hidden) return;
    try {
      const response = await fetch(location.href, { headers: { 'Accept': 'text/html' }, credentials: 'same-origin', redirect: 'manual' });
      if (!response.ok) return;
      const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
      parts.forEach(part => {
        const next = fresh.querySelector(`[data-refresh="${part.dataset.refresh}"]`);
        if (next && next.innerHTML !== part.innerHTML) part.innerHTML = next.innerHTML;
      });
    } catch { /* offline for a moment: try again at the next tick */ }
  }
  setInterval(refresh, everyMs);
})();
