//! DOM event listeners owned by guards: the closure lives exactly as long as the registration,
//! and dropping the guard removes the listener and frees the closure.

#[allow(unused_imports)]
use crate::domain::prelude::*;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Event, EventTarget};

/// A registered listener; removed on drop.
#[must_use = "dropping the guard removes what it holds"]
pub(crate) struct Listener {
    target: EventTarget,
    kind: &'static str,
    capture: bool,
    /// `FnMut(JsValue)`, the closure type the flow's callbacks and timers use too: one
    /// wasm-bindgen shim for all of them.
    closure: Closure<dyn FnMut(JsValue)>,
}

impl Listener {
    /// Registers `f` for `kind` events on `target` (`capture` phase if asked).
    pub(crate) fn new(
        target: &EventTarget,
        kind: &'static str,
        capture: bool,
        f: impl FnMut(Event) + 'static,
    ) -> Listener {
        let mut f = f;
        Listener::boxed(target, kind, capture, Box::new(move |e: JsValue| f(e.unchecked_into())))
    }

    /// One closure type for every listener: wasm-bindgen's glue for it is compiled once.
    fn boxed(
        target: &EventTarget,
        kind: &'static str,
        capture: bool,
        f: Box<dyn FnMut(JsValue)>,
    ) -> Listener {
        let closure = Closure::wrap(f);
        // `addEventListener(kind, f, capture)`: the boolean is the options' `capture`.
        let _ =
            target.add_event_listener_with_callback_and_bool(kind, closure.as_ref().unchecked_ref(), capture);
        Listener { target: target.clone(), kind, capture, closure }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.target.remove_event_listener_with_callback_and_bool(
            self.kind,
            self.closure.as_ref().unchecked_ref(),
            self.capture,
        );
    }
}
