// The Content Security Policy of our pages. Scripts run only with this response's nonce
// ('strict-dynamic' lets Next's own chunks, loaded by those scripts, run too): an injected
// <script> or inline handler is refused. Styles allow 'unsafe-inline' because React and Recharts
// set style attributes, which nonces cannot cover; styles cannot run code. Development adds
// 'unsafe-eval', which React's dev tooling needs.

export function pageCsp(nonce: string, opts: { dev?: boolean } = {}): string {
  return [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self'`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
  ].join("; ");
}

/** A fresh, unguessable nonce per response (128 bits). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
