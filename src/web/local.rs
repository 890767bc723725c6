//! Globals of the flow (the library's one callback slot is global, so some state is too).
//! `std`'s `thread_local!` is not there in the npm package's `no_std` build; on
//! `wasm32-unknown-unknown` without the `atomics` target feature there is one thread, so a plain
//! `static` may hold what is not `Sync`. One of the crate's three `unsafe` places (lib.rs lists them).

/// A global value of one thread, read with [`Local::with`] like `std`'s `LocalKey`.
pub(crate) struct Local<T>(T);

// One thread: nothing can share the value across threads. With `atomics` (threads), this impl
// is absent and every `static Local` fails to compile instead of racing.
#[cfg(not(target_feature = "atomics"))]
#[allow(unsafe_code)]
unsafe impl<T> Sync for Local<T> {}

impl<T> Local<T> {
    /// The global's initial value.
    pub(crate) const fn new(value: T) -> Self {
        Self(value)
    }

    /// Runs `f` with the value.
    pub(crate) fn with<R>(&'static self, f: impl FnOnce(&T) -> R) -> R {
        f(&self.0)
    }
}

impl<T: Default> Local<core::cell::Cell<T>> {
    /// Runs `f` on the value, taken out of its cell for the call and put back after: no borrow
    /// flag to check and no panic path, as a `RefCell` would have. `f` must not reach the same
    /// global (it would find the default value, and its change would be lost): no caller does.
    pub(crate) fn update<R>(&'static self, f: impl FnOnce(&mut T) -> R) -> R {
        let mut value = self.0.take();
        let r = f(&mut value);
        self.0.set(value);
        r
    }
}
