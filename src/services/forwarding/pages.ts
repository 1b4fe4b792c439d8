/**
 * What the forwarding service answers, as pure functions: the redirect
 * target, and the HTML of the stealth frame, parking, redirect and 404
 * pages. Everything taken from a user (title, URL, host name) is
 * HTML-escaped; nothing calls a third party (the "with ads" parking page
 * has a placeholder block, no ad network).
 */

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * The URL a request is forwarded to: the configured target, with the
 * request's path appended to the target's path and the request's query
 * appended to the target's query. A request for `/` without a query goes
 * to the target exactly as configured.
 */
export function forwardTarget(target: string, requestTarget: string): string {
  const base = new URL(target);
  // The path and query of an origin-form ("/a/b?c") or absolute-form ("http://host/a/b?c") request target; anything else ("*") counts as "/".
  const req = requestTarget.startsWith('/') ? new URL(requestTarget, 'http://x')
    : /^https?:\/\//i.test(requestTarget) && URL.canParse(requestTarget) ? new URL(requestTarget) : new URL('http://x/');
  if (req.pathname === '/' && req.search === '') return base.href;
  if (req.pathname !== '/') base.pathname = base.pathname.replace(/\/+$/, '') + req.pathname;
  if (req.search !== '') base.search = base.search === '' ? req.search : `${base.search}&${req.search.slice(1)}`;
  return base.href;
}

function page(title: string, body: string, head = ''): string {
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>${head}
</head>
${body}
</html>
`;
}

/** Stealth (cloaked) forwarding: the target in a full-window frame, the address bar keeps the domain. */
export function framePage(title: string, src: string): string {
  const url = escapeHtml(src);
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
</head>
<frameset rows="100%,*" border="0" frameborder="0" framespacing="0">
<frame src="${url}" name="regd-stealth" noresize>
<noframes><body><p><a href="${url}">${url}</a></p></body></noframes>
</frameset>
</html>
`;
}

/** The body of a 301/302 (clients follow the Location header; this is for people). */
export function redirectPage(location: string): string {
  const url = escapeHtml(location);
  return page('Moved', `<body>\n<p>This domain is forwarded to <a href="${url}">${url}</a>.</p>\n</body>`);
}

/** A parked domain: its name (U-label form), and with ads a placeholder block where a parking provider's ads would be. */
export function parkingPage(displayName: string, withAds: boolean): string {
  const name = escapeHtml(displayName);
  const ads = withAds
    ? '\n<div class="ads" id="regd-ads" role="complementary" aria-label="Advertisements">\n<p>Advertisement placeholder: regd serves no ads and calls no ad network.</p>\n</div>'
    : '';
  return page(displayName, `<body>\n<h1>${name}</h1>\n<p>This domain is parked.</p>${ads}\n</body>`);
}

export function notFoundPage(host: string): string {
  const name = escapeHtml(host);
  return page('Not found', `<body>\n<h1>Not found</h1>\n<p>${name === '' ? 'No host was named.' : `No site is served for ${name}.`}</p>\n</body>`);
}
