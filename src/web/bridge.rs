//! The one bridge from the JS adapter's futures to Promises (`js` + `flow`): each call's future
//! lives in a table of calls in flight and is polled on microtasks until it settles its Promise.
//! It replaces js-sys's general executor and `future_to_promise`: with the bridge stubbed out the
//! npm package was 1,623 B of gzip smaller, and this bridge costs about a third of that
//! (bench/ANALYSIS.md).
//!
//! A waker is the call's index in the table, so it is `Send + Sync` and needs no `unsafe`: waking
//! queues the index and, once per microtask, schedules a drain that polls every queued call. A
//! wake for a call that has settled (or for a newer call in its slot) is a spurious poll, which a
//! future tolerates by contract. The first poll happens on a microtask, as `future_to_promise`
//! did: a call's synchronous errors still reject its Promise, never throw.

#[allow(unused_imports)]
use crate::domain::prelude::*;

use alloc::sync::Arc;
use alloc::task::Wake;
use core::cell::Cell;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, Waker};

use js_sys::{Array, Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::local::Local;
use super::sys;

/// What every adapter method boxes its work into.
pub(crate) type Call = Pin<Box<dyn Future<Output = Result<JsValue, JsValue>>>>;

/// A call in flight: its future (out of the table while it is being polled) and its Promise's
/// resolve and reject functions.
struct Slot {
    call: Option<Call>,
    resolve: Function,
    reject: Function,
}

/// Every call in flight, by index; a settled call's slot is reused.
static CALLS: Local<Cell<Vec<Option<Slot>>>> = Local::new(Cell::new(Vec::new()));
/// The calls woken since the last drain.
static WOKEN: Local<Cell<Vec<usize>>> = Local::new(Cell::new(Vec::new()));
/// Whether a drain is already scheduled.
static SCHEDULED: Local<Cell<bool>> = Local::new(Cell::new(false));
/// The drain as a JavaScript function.
type Drain = Closure<dyn FnMut(JsValue)>;
/// The drain, made once and kept for the page's life.
static DRAIN: Local<Cell<Option<Drain>>> = Local::new(Cell::new(None));

/// The waker of the call at an index.
struct Woken(usize);

impl Wake for Woken {
    fn wake(self: Arc<Self>) {
        schedule(self.0);
    }

    fn wake_by_ref(self: &Arc<Self>) {
        schedule(self.0);
    }
}

/// Queues a call to be polled on the next microtask.
fn schedule(index: usize) {
    WOKEN.update(|w| w.push(index));
    if SCHEDULED.with(|s| s.replace(true)) {
        return;
    }
    // `queueMicrotask` runs nothing now: the drain cannot reach DRAIN during this.
    DRAIN.update(|d| {
        let drain = d.get_or_insert_with(|| Closure::new(|_: JsValue| drain()));
        sys::microtask(drain.as_ref().unchecked_ref());
    });
}

/// Polls every call woken so far (wakes during the polls go to the next drain).
fn drain() {
    SCHEDULED.with(|s| s.set(false));
    let woken = WOKEN.update(core::mem::take);
    for index in woken {
        poll(index);
    }
}

/// Polls the call at `index` once; settles its Promise and frees its slot when it is done.
fn poll(index: usize) {
    let Some(mut call) =
        CALLS.update(|c| c.get_mut(index).and_then(Option::as_mut).and_then(|s| s.call.take()))
    else {
        return; // settled already (woken twice in one drain, or a stale waker)
    };
    let waker = Waker::from(Arc::new(Woken(index)));
    match call.as_mut().poll(&mut Context::from_waker(&waker)) {
        Poll::Pending => CALLS.update(|c| {
            if let Some(Some(slot)) = c.get_mut(index) {
                slot.call = Some(call);
            }
        }),
        Poll::Ready(result) => {
            drop(call);
            let Some(slot) = CALLS.update(|c| c.get_mut(index).and_then(Option::take)) else {
                return;
            };
            let (settle, value) = match result {
                Ok(v) => (slot.resolve, v),
                Err(e) => (slot.reject, e),
            };
            // resolve and reject never throw.
            let _ = settle.call1(&JsValue::UNDEFINED, &value);
        }
    }
}

/// A Promise settled by `call`'s result.
pub(crate) fn promise(call: Call) -> Promise {
    let parts: Array = sys::deferred();
    let (promise, resolve, reject) = (parts.get(0), parts.get(1), parts.get(2));
    let slot = Slot { call: Some(call), resolve: resolve.unchecked_into(), reject: reject.unchecked_into() };
    // Only Vec operations inside (the slot replaced is a free one): nothing reaches CALLS.
    let index = CALLS.update(|c| match c.iter().position(Option::is_none) {
        Some(i) => {
            if let Some(free) = c.get_mut(i) {
                *free = Some(slot);
            }
            i
        }
        None => {
            c.push(Some(slot));
            c.len() - 1
        }
    });
    schedule(index);
    promise.unchecked_into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_futures::JsFuture;
    use wasm_bindgen_test::*;

    /// A future that wakes itself `n` times (synchronously, from inside its own poll) before it
    /// is ready with `n`.
    struct Yields(u32, u32);

    impl Future for Yields {
        type Output = Result<JsValue, JsValue>;
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
            if self.0 == self.1 {
                return Poll::Ready(Ok(JsValue::from(self.1)));
            }
            self.0 += 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }

    fn slots() -> usize {
        CALLS.update(|c| c.len())
    }

    #[wasm_bindgen_test]
    async fn ok_resolves_and_err_rejects() {
        let ok = JsFuture::from(promise(Box::pin(async { Ok(JsValue::from(7)) }))).await;
        assert_eq!(ok.ok().and_then(|v| v.as_f64()), Some(7.0));
        let err = JsFuture::from(promise(Box::pin(async { Err(JsValue::from("no")) }))).await;
        assert_eq!(err.err().and_then(|v| v.as_string()).as_deref(), Some("no"));
    }

    #[wasm_bindgen_test]
    async fn the_first_poll_is_on_a_microtask() {
        let polled = alloc::rc::Rc::new(Cell::new(false));
        let seen = polled.clone();
        let p = promise(Box::pin(async move {
            seen.set(true);
            Ok(JsValue::UNDEFINED)
        }));
        assert!(!polled.get(), "polled synchronously");
        JsFuture::from(p).await.expect("resolves");
        assert!(polled.get());
    }

    #[wasm_bindgen_test]
    async fn a_future_that_wakes_itself_is_polled_again() {
        let v = JsFuture::from(promise(Box::pin(Yields(0, 50)))).await.expect("resolves");
        assert_eq!(v.as_f64(), Some(50.0));
    }

    #[wasm_bindgen_test]
    async fn concurrent_calls_all_settle_and_their_slots_are_reused() {
        let before = slots();
        let all: Vec<Promise> = (0..100).map(|i| promise(Box::pin(Yields(0, i % 7)))).collect();
        assert!(slots() >= before.max(100));
        let high = slots();
        for (i, p) in all.into_iter().enumerate() {
            let v = JsFuture::from(p).await.expect("resolves");
            assert_eq!(v.as_f64(), Some(f64::from(i as u32 % 7)));
        }
        assert!(CALLS.update(|c| c.iter().all(Option::is_none)), "every slot freed");
        let again: Vec<Promise> = (0..100).map(|_| promise(Box::pin(Yields(0, 1)))).collect();
        assert_eq!(slots(), high, "the freed slots are used again");
        for p in again {
            JsFuture::from(p).await.expect("resolves");
        }
    }
}
