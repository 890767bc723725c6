const fs = require('fs'); const vm = require('vm'); const assert = require('assert');
// Checks the fake MidtransNew3ds library against the behaviour of Midtrans's version 1.2 (as listed in
// sandbox/README.md), in a vm with a minimal fake DOM.
// Run: node sandbox/tests/js/library_check.cjs (also run by the Rust test `library_js_contract`).
const path = require('path');
const src = fs.readFileSync(path.join(__dirname, '..', '..', 'assets', 'midtrans-new-3ds.js'), 'utf8');
function env(attrs) {
  const appended = []; const listeners = []; const logs = [];
  const el = attrs ? { getAttribute: k => (k in attrs ? attrs[k] : null) } : null;
  const window = {
    location: { href: '' },
    addEventListener(t, f) { if (!listeners.some(l => l.t === t && l.f === f)) listeners.push({ t, f }); },
  };
  const ctx = { window, console: { log: m => logs.push(m) }, document: {
    getElementById: id => (id === 'midtrans-script' ? el : null),
    createElement: () => ({}),
    getElementsByTagName: () => [{ appendChild: s => appended.push(s) }],
  }};
  ctx.window.window = window; vm.createContext(ctx); vm.runInContext(src, ctx);
  return { ctx, M: vm.runInContext('MidtransNew3ds', ctx), appended, listeners, logs };
}
let e = env({ 'data-environment': 'SandBox', 'data-client-key': 'CK' });
const card = { card_number: '4811 1111 1111 1114', card_exp_month: 2 };
const got = [];
e.M.getCardToken(card, { onSuccess: r => got.push(['s', r]), onFailure: r => got.push(['f', r]) });
assert.strictEqual(e.appended[0].src, 'https://api.sandbox.midtrans.com/v2/token?card_number=4811%201111%201111%201114&card_exp_month=2&callback=MidtransNew3ds.callback&client_key=CK&');
assert.strictEqual(card.client_key, 'CK'); assert.strictEqual(card.callback, 'MidtransNew3ds.callback');
e.M.callback({ status_code: 200 }); e.M.callback({ status_code: '400' }); e.M.callback(undefined); e.M.callback({ status_code: '201' });
assert.deepStrictEqual(got.map(g => g[0]), ['s', 'f', 'f']);
assert.strictEqual(e.M.version, '1.2');
// missing env -> production + log
e = env({ 'data-client-key': 'CK' }); e.M.getCardToken({}, {});
assert.ok(e.appended[0].src.startsWith('https://api.midtrans.com/v2/token?')); assert.ok(e.logs[0].includes('set to production'));
// unknown env
e = env({ 'data-environment': 'dev', 'data-client-key': 'CK' }); e.M.registerCard({}, {});
assert.ok(e.appended[0].src.startsWith('undefined/v2/card/register?'));
// url + clientKey override: no DOM, verbatim for both
e = env(null); e.M.url = 'http://x.midtrans.localhost:1/v2/token'; e.M.clientKey = 'K2';
e.M.registerCard({ a: 1 }, {}); assert.strictEqual(e.appended[0].src, 'http://x.midtrans.localhost:1/v2/token?a=1&callback=MidtransNew3ds.callback&client_key=K2&');
// no element and no override -> TypeError
e = env(null); assert.throws(() => e.M.getCardToken({}, {}), e => e.name === 'TypeError');
// authenticate
e = env(null); const seen = []; let shown;
e.M.authenticate('U', { performAuthentication: u => (shown = u), onSuccess: r => seen.push('s'), onPending: () => seen.push('p'), onFailure: () => seen.push('f') });
e.M.authenticate('U', { performAuthentication: u => (shown = u), onSuccess: r => seen.push('s2'), onFailure: () => seen.push('f2') });
assert.strictEqual(shown, 'U'); assert.strictEqual(e.listeners.length, 1);
const fire = (origin, data) => e.listeners[0].f({ origin, data });
fire('http://api.sandbox.midtrans.localhost:8080', { status_code: '200', status_message: 'ok' });
fire('http://localhost:8080', { status_code: '200', status_message: 'ok' });
fire('https://my-host.midtrans.test', { status_code: '200', status_message: 'ok' });
fire('https://api.sandbox.veritrans.co.id', '{"status_code":"200","status_message":"x"}');
fire('https://api.sandbox.veritrans.co.id', { status_code: '202', status_message: 'x' });
fire('https://api.midtrans.com', { status_code: '200' });
assert.deepStrictEqual(seen, ['s2', 'f2']);
assert.throws(() => e.listeners[0].f({ origin: '', data: {} }));
// redirect
e = env(null); e.M.redirect('https://r/x', { callbackUrl: 'https://shop/finish?a=1' });
assert.strictEqual(e.ctx.window.location.href, 'https://r/x?callback_type=form&callback_url=https%3A%2F%2Fshop%2Ffinish%3Fa%3D1&');
assert.strictEqual(vm.runInContext('url', e.ctx), 'https://r/x'); assert.strictEqual(vm.runInContext('queryParams', e.ctx), 'callback_type=form&callback_url=https%3A%2F%2Fshop%2Ffinish%3Fa%3D1&');
e.M.redirect('https://r/y', {}); assert.strictEqual(e.ctx.window.location.href, 'https://r/y?callback_type=form&');
assert.throws(() => e.M.redirect('https://r/z'), e => e.name === 'TypeError');
// The message listener goes through the public MidtransNew3ds.callback: a page wrapping it sees
// 3DS results (version 1.2 behaviour).
e = env(null); const order = [];
e.M.authenticate('U', { onSuccess: () => order.push('success') });
const original = e.M.callback;
e.M.callback = (r) => { order.push('wrapper'); original(r); };
e.listeners[0].f({ origin: 'https://api.sandbox.midtrans.com', data: { status_code: '200', status_message: 'ok' } });
assert.deepStrictEqual(order, ['wrapper', 'success']);
// No options object: TypeError, as in 1.2 (getCardToken, registerCard, authenticate).
e = env({ 'data-environment': 'sandbox', 'data-client-key': 'CK' });
assert.throws(() => e.M.getCardToken({ card_number: '4811111111111114' }), (x) => x.name === 'TypeError');
assert.throws(() => e.M.registerCard({ card_number: '4811111111111114' }), (x) => x.name === 'TypeError');
assert.throws(() => e.M.authenticate('U'), (x) => x.name === 'TypeError');
assert.strictEqual(e.appended.length, 0, 'nothing was sent');
// An options object without performAuthentication: nothing shown, the listener is installed.
e.M.authenticate('U', {}); assert.strictEqual(e.listeners.length, 1);
// Globals: loading defines MidtransNew3ds only; redirect() adds exactly url and queryParams.
e = env(null);
const globalsBefore = Object.keys(e.ctx).sort();
assert.ok(globalsBefore.includes('MidtransNew3ds'));
assert.deepStrictEqual(globalsBefore.filter((k) => !['window', 'console', 'document', 'MidtransNew3ds'].includes(k)), []);
vm.runInContext('var url = "page-owned"', e.ctx);
e.M.redirect('https://r/x', {});
assert.deepStrictEqual(Object.keys(e.ctx).filter((k) => !globalsBefore.includes(k)).sort(), ['queryParams', 'url']);
assert.strictEqual(vm.runInContext('url', e.ctx), 'https://r/x', 'the page\'s own `url` is overwritten');
console.log('js ok');
