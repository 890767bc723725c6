//! The 3-D Secure popup: a modal dialog holding the bank's page in an iframe.
//!
//! Built with DOM calls only (the URL is never spliced into HTML; the calls are one dom.js
//! function, `popupTree`, smaller than a web-sys shim per property), styled with a constructed
//! stylesheet (`document.adoptedStyleSheets`: allowed under a strict CSP, no inline style
//! attributes) whose rules use `:where()` so any merchant rule overrides them. One popup at a
//! time; closing removes every node, listener and closure, and restores focus and scrolling.

#[allow(unused_imports)]
use crate::domain::prelude::*;

use alloc::rc::{Rc, Weak};
use core::cell::Cell;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, HtmlElement, HtmlIFrameElement, Node};

use super::error::Error;
use super::listener::Listener;
use super::local::Local;
use super::options::{popup_texts, PopupOptions, DEFAULT_PREFIX};
use super::sys;
use crate::domain::{is_allowed_redirect_url, ErrorCode};

/// The stylesheet; each `$` is replaced by the class prefix. 90vh x min(75%, 600px) on desktop,
/// full screen on small screens. It is adopted only while the popup is open, so its last rule
/// locks page scrolling without touching the page's own `style` attributes.
const CSS: &str = ":where(.$-overlay){position:fixed;inset:0;z-index:2147483000;display:flex;\
align-items:center;justify-content:center;background:rgba(15,23,42,.6)}\
:where(.$-dialog){position:relative;display:flex;flex-direction:column;width:min(75%,600px);\
height:90vh;background:#fff;border-radius:12px;box-shadow:0 12px 48px rgba(0,0,0,.35);overflow:hidden;outline:none}\
:where(.$-frame){display:block;flex:1;width:100%;height:100%;border:0}\
:where(.$-close){position:absolute;top:8px;right:8px;width:36px;height:36px;border:0;border-radius:18px;\
background:rgba(15,23,42,.08);color:#0f172a;font:24px/36px system-ui,sans-serif;cursor:pointer}\
:where(.$-close:focus-visible){outline:2px solid #2563eb;outline-offset:2px}\
@media (max-width:640px){:where(.$-dialog){width:100%;height:100%;border-radius:0}}\
html,body{overflow:hidden!important}";

static CURRENT: Local<Cell<Weak<Inner>>> = Local::new(Cell::new(Weak::new()));

/// An open (or closed) popup. Dropping the last handle closes it.
#[derive(Clone)]
#[must_use = "dropping the popup closes it"]
pub(crate) struct Popup(Rc<Inner>);

struct Inner {
    document: Document,
    overlay: HtmlElement,
    dialog: HtmlElement,
    iframe: HtmlIFrameElement,
    /// The adopted stylesheet (`undefined` when the page refused it).
    sheet: JsValue,
    restore_focus: Option<HtmlElement>,
    listeners: Cell<Vec<Listener>>,
    open: Cell<bool>,
    on_cancel: Cell<Option<Box<dyn FnOnce()>>>,
}

fn dom_failure(_: JsValue) -> Error {
    Error::new(ErrorCode::PopupFailed)
        .with_message("The page refused the DOM calls that build the 3-D Secure popup.")
}

fn valid_prefix(p: &str) -> bool {
    !p.is_empty() && p.len() <= 40 && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

impl Popup {
    /// Opens `url` if it is allowed (https Midtrans/Veritrans host, or an exact extra origin);
    /// otherwise fails with `invalid_redirect_url` without touching the DOM. Closes any popup
    /// already open.
    pub(crate) fn open(url: &str, opts: &PopupOptions, allowed_origins: &[&str]) -> Result<Popup, Error> {
        if !is_allowed_redirect_url(url, allowed_origins) {
            return Err(Error::new(ErrorCode::InvalidRedirectUrl));
        }
        let document = super::sys::window().and_then(|w| w.document()).ok_or_else(|| {
            Error::new(ErrorCode::SdkNotLoaded).with_message("No document to show the popup in.")
        })?;
        close_current();
        let prefix =
            if valid_prefix(&opts.class_prefix) { opts.class_prefix.as_str() } else { DEFAULT_PREFIX };
        let (default_title, close_label) = popup_texts(opts.locale);
        let title = opts
            .title
            .as_deref()
            .filter(|t| !crate::domain::utf8::trim(t).is_empty())
            .unwrap_or(default_title);
        let restore_focus = document.active_element().and_then(|e| e.dyn_into::<HtmlElement>().ok());
        let parent =
            opts.container.clone().or_else(|| document.body()).ok_or_else(|| dom_failure(JsValue::NULL))?;
        let nodes = sys::popup_tree(&document, &parent, prefix, title, close_label, url, opts.closable)
            .map_err(dom_failure)?;
        let overlay: HtmlElement = nodes.get(0).unchecked_into();
        let dialog: HtmlElement = nodes.get(1).unchecked_into();
        let iframe: HtmlIFrameElement = nodes.get(2).unchecked_into();
        let close_button = nodes.get(3).dyn_into::<HtmlElement>().ok();
        // Only once the overlay is in: a refused popup must not leave the page's scrolling locked.
        let sheet = sys::adopt_sheet(&document, CSS, prefix);
        let _ = dialog.focus();

        let inner = Rc::new(Inner {
            document: document.clone(),
            overlay,
            dialog,
            iframe,
            sheet,
            restore_focus,
            listeners: Cell::new(Vec::new()),
            open: Cell::new(true),
            on_cancel: Cell::new(None),
        });
        let mut listeners = Vec::with_capacity(3);
        // Keep focus inside the dialog while it is open.
        let weak = Rc::downgrade(&inner);
        listeners.push(Listener::new(&document, "focusin", true, move |ev| {
            if let Some(inner) = weak.upgrade() {
                let inside = ev
                    .target()
                    .and_then(|t| t.dyn_into::<Node>().ok())
                    .is_some_and(|n| inner.overlay.contains(Some(&n)));
                if !inside {
                    let _ = inner.dialog.focus();
                }
            }
        }));
        if let Some(button) = close_button {
            let weak = Rc::downgrade(&inner);
            listeners.push(Listener::new(&button, "click", false, move |_| {
                if let Some(inner) = weak.upgrade() {
                    inner.cancel();
                }
            }));
            let weak = Rc::downgrade(&inner);
            listeners.push(Listener::new(&document, "keydown", true, move |ev| {
                let escape = super::jsval::get_string(&ev, "key").is_some_and(|k| k == "Escape");
                if let (true, Some(inner)) = (escape, weak.upgrade()) {
                    ev.prevent_default();
                    inner.cancel();
                }
            }));
        }
        inner.listeners.set(listeners);
        CURRENT.with(|c| c.set(Rc::downgrade(&inner)));
        Ok(Popup(inner))
    }

    /// The iframe showing the 3DS page.
    pub(crate) fn iframe(&self) -> HtmlIFrameElement {
        self.0.iframe.clone()
    }

    /// Whether the popup is still open.
    pub(crate) fn is_open(&self) -> bool {
        self.0.open.get()
    }

    /// Called once if the customer closes the popup (close button or Escape).
    pub(crate) fn on_cancel(&self, f: impl FnOnce() + 'static) {
        self.0.on_cancel.set(Some(Box::new(f)));
    }

    /// Removes everything and restores focus and scrolling. Idempotent.
    pub(crate) fn close(&self) {
        self.0.close();
    }
}

impl Inner {
    fn cancel(&self) {
        let f = self.on_cancel.take();
        self.close();
        if let Some(f) = f {
            f();
        }
    }

    fn close(&self) {
        if !self.open.replace(false) {
            return;
        }
        drop(self.listeners.take());
        self.on_cancel.take();
        self.overlay.remove();
        if !self.sheet.is_undefined() {
            sys::drop_sheet(&self.document, &self.sheet);
        }
        if let Some(el) = self.restore_focus.as_ref().filter(|e| e.is_connected()) {
            let _ = el.focus();
        }
    }
}

impl Drop for Inner {
    fn drop(&mut self) {
        self.close();
    }
}

/// Closes the popup that is open, if any (one at a time), as cancelled: whoever waits on it
/// (an `authenticate()`) settles at once instead of waiting for its timeout.
pub(crate) fn close_current() {
    if let Some(inner) = CURRENT.update(|c| c.upgrade()) {
        inner.cancel();
    }
}
