//! Card data hygiene in wasm memory. Heap strings holding card data are overwritten with zeros
//! before they are freed (`domain::digits::wipe_string`); this covers the other place copies
//! live: the stack.

/// Overwrites the stack just below the caller's frame with zeros, so the frames of a call that
/// just returned (a validation's copies of the digits) are gone with it. wasm32's stack is plain
/// linear memory that nothing else clears; 2 KB is deeper than any validation's frames.
#[inline(never)]
pub(crate) fn scrub_stack() {
    let mut below = [0u8; 2048];
    core::hint::black_box(&mut below);
}
