//! A card checkout from a Rust frontend (Leptos, Yew, Dioxus or plain wasm-bindgen) on
//! midtrans-card's typed API: validate as the customer types, then `pay()` through your
//! backend's charge endpoint, with the 3-D Secure popup when the bank asks for it.
//!
//! [`checkout`] is the part your components call; it compiles on every target, so a server-side
//! rendering build compiles it too (there it fails `sdk_not_loaded`). The `browser` module is the
//! glue for a plain page: one `#[wasm_bindgen]` export that reads the form and pays.

use midtrans_card::domain::{self, NumberOptions};
use midtrans_card::{Card, Environment, Error, ErrorCode, LoadOptions, MidtransCard, Outcome, PayOptions};

/// What to tell the customer after paying.
#[derive(Debug, PartialEq, Eq)]
pub enum Shown {
    /// Paid (the backend still confirms with Midtrans before shipping).
    Paid,
    /// The bank is still verifying; the order page updates when Midtrans notifies the backend.
    Verifying,
    /// Held for the shop's review.
    UnderReview,
    /// Something the customer can fix: each message belongs to a field.
    FixFields(Vec<(&'static str, &'static str)>),
}

/// As the customer types: whether the number field may still become valid (no red while
/// typing), and the brand to show.
pub fn number_feedback(typed: &str) -> (bool, Option<&'static str>) {
    let v = domain::validate_number(typed, &NumberOptions::default());
    (v.is_potentially_valid, v.brand.map(|b| b.info().nice_name))
}

/// Pays for `items` (the cart: your backend prices it) with the card typed into the form.
pub async fn checkout(
    client_key: &str,
    card: &Card,
    items: serde_json::Value,
    charge_url: &str,
) -> Result<Shown, Error> {
    let midtrans = MidtransCard::load(LoadOptions::new(client_key, Environment::Sandbox)).await?;
    let mut options = PayOptions::new(charge_url).body(&serde_json::json!({ "items": items }));
    options.authenticate.popup.closable = true;
    match midtrans.pay(card, options).await {
        Ok(result) => Ok(match result.outcome {
            Outcome::Success => Shown::Paid,
            Outcome::Pending => Shown::Verifying,
            Outcome::Challenge => Shown::UnderReview,
        }),
        Err(e) if e.code() == ErrorCode::InvalidCard => {
            Ok(Shown::FixFields(e.field_errors().iter().map(|f| (f.field.name(), f.message)).collect()))
        }
        Err(e) => Err(e),
    }
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    fn field(id: &str) -> String {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            .map(|i| i.value())
            .unwrap_or_default()
    }

    /// Reads `#card-number`, `#card-month`, `#card-year`, `#card-cvv` and pays for one item;
    /// resolves with what to show, rejects with the error's code.
    #[wasm_bindgen]
    pub async fn pay_from_form(client_key: String, charge_url: String) -> Result<String, JsValue> {
        let card = midtrans_card::Card::new(
            field("card-number"),
            field("card-month"),
            field("card-year"),
            field("card-cvv"),
        );
        let items = serde_json::json!([{ "id": "kopi-gayo", "quantity": 1 }]);
        match super::checkout(&client_key, &card, items, &charge_url).await {
            Ok(shown) => Ok(format!("{shown:?}")),
            Err(e) => Err(JsValue::from_str(e.code().as_str())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::future::Future;

    #[test]
    fn feedback_while_typing() {
        assert_eq!(number_feedback("4811 11"), (true, Some("Visa")));
        assert_eq!(number_feedback("4811 11x"), (false, None));
    }

    #[test]
    fn outside_a_browser_checkout_says_so() {
        let card = Card::new("4811 1111 1111 1114", "12", "2030", "123");
        let f = checkout("SB-Mid-client-x", &card, serde_json::json!([]), "/api/charge");
        let mut f = std::pin::pin!(f);
        let poll = f.as_mut().poll(&mut std::task::Context::from_waker(std::task::Waker::noop()));
        match poll {
            std::task::Poll::Ready(Err(e)) => assert_eq!(e.code(), ErrorCode::SdkNotLoaded),
            other => panic!("{other:?}"),
        }
    }
}
