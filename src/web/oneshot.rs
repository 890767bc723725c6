//! JavaScript callbacks into Rust futures: a one-shot slot that the first callback settles
//! (later ones are ignored), and the `{ onSuccess, onFailure, onPending }` object handed to
//! `MidtransNew3ds`, whose closures live until the library's shared slot is overwritten.

#[allow(unused_imports)]
use crate::domain::prelude::*;

use alloc::rc::Rc;
use core::cell::RefCell;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, Waker};

use js_sys::Object;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsValue;

use super::jsval::set;

/// How a call ended.
#[derive(Debug)]
pub(crate) enum Settled {
    /// `onSuccess(response)`.
    Success(JsValue),
    /// `onPending(response)`.
    Pending(JsValue),
    /// `onFailure(response)`.
    Failure(JsValue),
    /// The customer closed the popup.
    Cancelled,
    /// Our own timeout fired.
    TimedOut,
    /// The call could not go on (the 3DS popup could not be shown).
    Refused(super::error::Error),
}

#[derive(Default)]
struct Shared {
    value: Option<Settled>,
    settled: bool,
    waker: Option<Waker>,
}

/// Settles the call; the first `send` wins.
#[derive(Clone)]
pub(crate) struct Sender(Rc<RefCell<Shared>>);

/// Resolves with the first value sent.
pub(crate) struct Receiver(Rc<RefCell<Shared>>);

/// A one-shot slot.
pub(crate) fn channel() -> (Sender, Receiver) {
    let shared = Rc::new(RefCell::new(Shared::default()));
    (Sender(shared.clone()), Receiver(shared))
}

impl Sender {
    /// Settles with `value` unless already settled; returns whether this call settled it.
    pub(crate) fn send(&self, value: Settled) -> bool {
        let Ok(mut s) = self.0.try_borrow_mut() else { return false };
        if s.settled {
            return false;
        }
        s.settled = true;
        s.value = Some(value);
        if let Some(w) = s.waker.take() {
            w.wake();
        }
        true
    }

    /// Whether the call has settled.
    pub(crate) fn is_settled(&self) -> bool {
        self.0.try_borrow().map_or(true, |s| s.settled)
    }
}

impl Future for Receiver {
    type Output = Settled;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Settled> {
        let Ok(mut s) = self.0.try_borrow_mut() else {
            cx.waker().wake_by_ref();
            return Poll::Pending;
        };
        match s.value.take() {
            Some(v) => Poll::Ready(v),
            None => {
                s.waker = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

/// Which callback fired.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `onSuccess`.
    Success,
    /// `onPending`.
    Pending,
    /// `onFailure`.
    Failure,
}

type Closure1 = Closure<dyn FnMut(JsValue)>;

/// The options object for one library call, and the closures it references.
#[must_use = "dropping the guard removes what it holds"]
pub(crate) struct Callbacks {
    /// `{ onSuccess, onFailure, onPending [, performAuthentication] }`.
    pub(crate) options: Object,
    _closures: Vec<Closure1>,
}

impl Callbacks {
    /// Callbacks that settle `tx`; `accept` may ignore an answer (one that belongs to another call).
    pub(crate) fn new(tx: &Sender, accept: impl Fn(Kind, &JsValue) -> bool + 'static) -> Callbacks {
        let accept = Rc::new(accept);
        let options = Object::new();
        let mut closures = Vec::with_capacity(4);
        for (key, kind) in
            [("onSuccess", Kind::Success), ("onFailure", Kind::Failure), ("onPending", Kind::Pending)]
        {
            let (tx, accept) = (tx.clone(), accept.clone());
            let c = Closure1::new(move |resp: JsValue| {
                if tx.is_settled() || !accept(kind, &resp) {
                    return;
                }
                tx.send(match kind {
                    Kind::Success => Settled::Success(resp),
                    Kind::Pending => Settled::Pending(resp),
                    Kind::Failure => Settled::Failure(resp),
                });
            });
            set(&options, key, c.as_ref());
            closures.push(c);
        }
        Callbacks { options, _closures: closures }
    }

    /// Adds `performAuthentication(url)`.
    pub(crate) fn with_perform(mut self, f: impl FnMut(JsValue) + 'static) -> Callbacks {
        let c = Closure1::wrap(Box::new(f));
        set(&self.options, "performAuthentication", c.as_ref());
        self._closures.push(c);
        self
    }
}
