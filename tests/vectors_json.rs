//! Writes the shared vector tables to `target/vectors.json`, so the Node tests run the very same
//! tables through the built package's JavaScript entry (its fast paths included).
#![cfg(not(target_arch = "wasm32"))]

mod vectors;

use std::fmt::Write as _;
use vectors::*;

fn s(out: &mut String, v: &str) {
    out.push('"');
    for u in v.encode_utf16() {
        match u {
            0x22 => out.push_str("\\\""),
            0x5c => out.push_str("\\\\"),
            0x20..=0x7e => out.push(char::from(u as u8)),
            _ => {
                let _ = write!(out, "\\u{u:04x}");
            }
        }
    }
    out.push('"');
}

fn opt(out: &mut String, v: Option<&str>) {
    match v {
        Some(v) => s(out, v),
        None => out.push_str("null"),
    }
}

fn list(out: &mut String, xs: &[&str]) {
    out.push('[');
    for (i, x) in xs.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        s(out, x);
    }
    out.push(']');
}

#[test]
fn write_vectors_json() {
    let mut o = String::from("{\"numbers\":[");
    for (i, c) in NUMBERS.iter().enumerate() {
        o.push_str(if i > 0 { ",{\"input\":" } else { "{\"input\":" });
        s(&mut o, c.input);
        o.push_str(",\"supported\":");
        list(&mut o, c.supported);
        let _ = write!(
            o,
            ",\"luhnUnionPay\":{},\"valid\":{},\"potentially\":{},\"brand\":",
            c.luhn_unionpay, c.valid, c.potentially
        );
        opt(&mut o, c.brand);
        o.push_str(",\"candidates\":");
        list(&mut o, c.candidates);
        o.push_str(",\"reason\":");
        opt(&mut o, c.reason);
        o.push('}');
    }
    o.push_str("],\"expiries\":[");
    for (i, c) in EXPIRIES.iter().enumerate() {
        o.push_str(if i > 0 { ",{\"input\":" } else { "{\"input\":" });
        s(&mut o, c.input);
        let _ = write!(
            o,
            ",\"today\":{{\"year\":{},\"month\":{}}},\"valid\":{},\"potentially\":{}",
            c.today.0, c.today.1, c.valid, c.potentially
        );
        let _ = write!(
            o,
            ",\"month\":{},\"year\":{},\"reason\":",
            c.month.map_or("null".into(), |m| m.to_string()),
            c.year.map_or("null".into(), |y| y.to_string())
        );
        opt(&mut o, c.reason);
        o.push('}');
    }
    o.push_str("],\"monthYears\":[");
    for (i, c) in MONTH_YEARS.iter().enumerate() {
        o.push_str(if i > 0 { ",{\"month\":" } else { "{\"month\":" });
        s(&mut o, c.month);
        o.push_str(",\"year\":");
        s(&mut o, c.year);
        let _ = write!(o, ",\"valid\":{},\"potentially\":{},\"reason\":", c.valid, c.potentially);
        opt(&mut o, c.reason);
        o.push('}');
    }
    o.push_str("],\"cvvs\":[");
    for (i, c) in CVVS.iter().enumerate() {
        o.push_str(if i > 0 { ",{\"input\":" } else { "{\"input\":" });
        s(&mut o, c.input);
        o.push_str(",\"brand\":");
        opt(&mut o, c.brand);
        let _ = write!(o, ",\"valid\":{},\"potentially\":{},\"reason\":", c.valid, c.potentially);
        opt(&mut o, c.reason);
        o.push('}');
    }
    o.push_str("],\"formats\":[");
    for (i, (input, out)) in FORMATS.iter().enumerate() {
        o.push_str(if i > 0 { ",[" } else { "[" });
        s(&mut o, input);
        o.push(',');
        s(&mut o, out);
        o.push(']');
    }
    o.push_str("],\"inputs\":[");
    for (i, c) in INPUTS.iter().enumerate() {
        o.push_str(if i > 0 { ",{\"value\":" } else { "{\"value\":" });
        s(&mut o, c.value);
        let _ = write!(o, ",\"caret\":{},\"out\":", c.caret);
        s(&mut o, c.out);
        let _ = write!(o, ",\"outCaret\":{},\"what\":", c.out_caret);
        s(&mut o, c.what);
        o.push('}');
    }
    o.push_str("],\"expiryInputs\":[");
    for (i, c) in EXPIRY_INPUTS.iter().enumerate() {
        o.push_str(if i > 0 { ",{\"value\":" } else { "{\"value\":" });
        s(&mut o, c.value);
        let _ = write!(o, ",\"caret\":{},\"deleting\":{},\"out\":", c.caret, c.deleting);
        s(&mut o, c.out);
        let _ = write!(o, ",\"outCaret\":{},\"what\":", c.out_caret);
        s(&mut o, c.what);
        o.push('}');
    }
    o.push_str("]}\n");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    std::fs::create_dir_all(&dir).expect("target dir");
    std::fs::write(dir.join("vectors.json"), o).expect("write target/vectors.json");
}
