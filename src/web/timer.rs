//! `setTimeout` owned by a guard: dropping it clears the timer and frees the closure.

#[allow(unused_imports)]
use crate::domain::prelude::*;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// A pending timeout; cleared on drop.
#[must_use = "dropping the guard removes what it holds"]
pub(crate) struct Timeout {
    id: Option<i32>,
    /// `FnMut(JsValue)` (called with nothing): the closure type listeners and callbacks use, so
    /// one wasm-bindgen shim serves all of them.
    _closure: Closure<dyn FnMut(JsValue)>,
}

impl Timeout {
    /// Calls `f` once after `ms` milliseconds, unless dropped first.
    pub(crate) fn new(ms: u32, f: impl FnOnce() + 'static) -> Timeout {
        Timeout::boxed(ms, Box::new(f))
    }

    /// One closure type for every timer: wasm-bindgen's glue for it is compiled once.
    fn boxed(ms: u32, f: Box<dyn FnOnce()>) -> Timeout {
        let mut f = Some(f);
        let closure = Closure::<dyn FnMut(JsValue)>::new(move |_| {
            if let Some(f) = f.take() {
                f();
            }
        });
        let id = super::sys::window().and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(
                closure.as_ref().unchecked_ref(),
                i32::try_from(ms).unwrap_or(i32::MAX),
            )
            .ok()
        });
        Timeout { id, _closure: closure }
    }
}

impl Drop for Timeout {
    fn drop(&mut self) {
        if let (Some(id), Some(w)) = (self.id, super::sys::window()) {
            w.clear_timeout_with_handle(id);
        }
    }
}
