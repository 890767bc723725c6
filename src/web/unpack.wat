;; The full entry's decoding loop (src/web/unpack-wasm.js holds it assembled, and says why).
;; Memory, filled by the JavaScript: [0, 128) character -> symbol; 128 + k -> the byte of
;; symbol k < 90; 128 + 90 * 92 + j -> the byte of the j-th two-character code; the text at
;; $i..$end. The bytes are written from $end on; the result is where they end.
(module
  (memory (export "m") 1)
  (func (export "d") (param $i i32) (param $end i32) (result i32)
    (local $k i32) (local $o i32)
    (local.set $o (local.get $end))
    (loop $next
      (if (i32.lt_u (local.get $i) (local.get $end))
        (then
          ;; A lead character (symbol 90 or 91): the code is lead * 92 + the next symbol.
          (if (i32.ge_u (local.tee $k (i32.load8_u (i32.load8_u (local.get $i)))) (i32.const 90))
            (then
              (local.set $k
                (i32.add
                  (i32.mul (local.get $k) (i32.const 92))
                  (i32.load8_u (i32.load8_u (local.tee $i (i32.add (local.get $i) (i32.const 1)))))))))
          (i32.store8 (local.get $o) (i32.load8_u offset=128 (local.get $k)))
          (local.set $o (i32.add (local.get $o) (i32.const 1)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next))))
    (local.get $o))
)
