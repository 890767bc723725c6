// DOM steps of the loader as a few small functions: one wasm call each instead of a web-sys shim
// per property (measured smaller). The decisions (which URL, which policy, which attributes) are
// made in Rust (src/web/loader.rs); these only carry them out.

// A `<script>` for Midtrans's library in `doc`: `src` through `policy` when given (Trusted
// Types), else as a string (where the page enforces Trusted Types, the setter throws then, and
// so does this function). Empty `integrity` / `nonce` are left out.
export function scriptTag(doc, src, environment, clientKey, integrity, nonce, policy) {
  const s = doc.createElement('script');
  s.id = 'midtrans-script';
  s.type = 'text/javascript';
  s.setAttribute('data-environment', environment);
  s.setAttribute('data-client-key', clientKey);
  if (integrity) {
    s.integrity = integrity;
    s.crossOrigin = 'anonymous';
  }
  if (nonce) s.nonce = nonce;
  s.src = policy ? policy.createScriptURL(src) : src;
  (doc.head || doc.body || doc.documentElement).appendChild(s);
  return s;
}

// The page's window; undefined outside one (a worker, a server). What every browser step of the
// flow starts from, in place of wasm-bindgen's lookup of the global object.
export function pageWindow() {
  return typeof window === 'object' && window !== null ? window : undefined;
}

// A hidden, same-origin (about:blank) frame for one token request.
export function tokenFrame(doc) {
  const f = doc.createElement('iframe');
  f.hidden = true;
  f.tabIndex = -1;
  f.title = 'midtrans-card';
  (doc.body || doc.documentElement).appendChild(f);
  return f;
}

// `win.trustedTypes.createPolicy(name, { createScriptURL })`, or undefined where the browser has
// no Trusted Types. Throws when the page's CSP does not allow the policy name.
export function createPolicy(win, name, createScriptURL) {
  const tt = win.trustedTypes;
  return tt && tt.createPolicy ? tt.createPolicy(name, { createScriptURL }) : undefined;
}

// The `createScriptURL` of a token frame's `default` policy, allowing the URLs src/web/loader.rs
// names and no other: exactly `src` (the library), or a URL starting with `prefix` (the token
// request's endpoint: the library's JSONP request, whose URL holds the card data, so it is
// compared here and never enters wasm memory). `null` refuses.
export function allowOnly(src, prefix) {
  return (url) => (url === src || url.startsWith(prefix) ? url : null);
}

// The page's own `#midtrans-script`: [src, integrity, nonce] when it has a src, else null.
export function pageScript(doc) {
  const s = doc.getElementById('midtrans-script');
  return s && s.src ? [s.src, s.integrity, s.nonce] : null;
}

// The 3DS popup's nodes (src/web/popup.rs decides what goes in them): an overlay holding a
// labelled modal dialog, which holds the close button (when `closable`) and the iframe of `url`,
// appended to `parent`. Returns [overlay, dialog, iframe, button or null]; throws where the page
// refuses a step (nothing is left appended then).
export function popupTree(doc, parent, prefix, title, closeLabel, url, closable) {
  const el = (tag, suffix) => {
    const e = doc.createElement(tag);
    e.className = prefix + suffix;
    return e;
  };
  const overlay = el('div', '-overlay');
  const dialog = el('div', '-dialog');
  dialog.setAttribute('role', 'dialog');
  dialog.setAttribute('aria-modal', 'true');
  dialog.setAttribute('aria-label', title);
  dialog.tabIndex = -1;
  const iframe = el('iframe', '-frame');
  iframe.title = title;
  iframe.setAttribute('allow', 'payment');
  iframe.src = url;
  let button = null;
  if (closable) {
    button = el('button', '-close');
    button.type = 'button';
    button.setAttribute('aria-label', closeLabel);
    button.textContent = '\u00d7';
    dialog.appendChild(button);
  }
  dialog.appendChild(iframe);
  overlay.appendChild(dialog);
  parent.appendChild(overlay);
  return [overlay, dialog, iframe, button];
}

// Adopts a constructed stylesheet of `css` with every `$` replaced by `prefix`; the sheet, or
// undefined where constructed stylesheets are refused or missing.
export function adoptSheet(doc, css, prefix) {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css.split('$').join(prefix));
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    return sheet;
  } catch {
    return undefined;
  }
}

// Un-adopts `sheet`.
export function dropSheet(doc, sheet) {
  doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet);
}

// The merchant backend's charge call (src/web/backend.rs builds the headers and body and reads
// the answer): `done([status, text])`, or `done(null)` when the request or its body failed.
// A callback rather than a Promise: the flow's callbacks already are one closure type in Rust.
export function post(url, headers, credentials, body, signal, done) {
  fetch(url, { method: 'POST', headers, credentials, body, signal })
    .then(async (r) => [r.status, await r.text()])
    .then(done, () => done(null))
    .catch(() => {}); // `done` throws only once its call is gone: nothing is waiting then
}

// The JS adapter's Promise bridge (web/bridge.rs): one call's Promise with its settle functions,
// and the microtask its calls are polled on.
export function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((a, b) => {
    resolve = a;
    reject = b;
  });
  return [promise, resolve, reject];
}

export function microtask(f) {
  queueMicrotask(f);
}
