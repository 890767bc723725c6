//! `midtrans-sandbox` binary: parses flags, starts the server, prints the banner.

use std::io::Write;
use std::sync::Arc;

use midtrans_sandbox::{config::USAGE, start, Config, SystemClock};

#[tokio::main]
async fn main() {
    let config = match Config::from_args(std::env::args().skip(1)) {
        Ok(Some(c)) => c,
        Ok(None) => {
            println!("{USAGE}");
            return;
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let server = match start(config, Arc::new(SystemClock)).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("midtrans-sandbox: cannot start: {e}");
            std::process::exit(1);
        }
    };
    let port = server.port;
    let s = &server.state.settings;
    println!("midtrans-sandbox listening on http://localhost:{port}/");
    println!("  demo checkout:     http://localhost:{port}/");
    println!("  fake Midtrans API: {}", s.public_api_base);
    println!("  notifications to:  {}", s.notification_url);
    println!("  client key:        {}", s.client_key);
    println!("  test card 4811 1111 1111 1114, CVV 123, any future expiry, 3DS OTP 112233");
    let _ = std::io::stdout().flush();
    tokio::select! {
        r = server.handle => {
            if let Err(e) = r {
                eprintln!("midtrans-sandbox: server task failed: {e}");
                std::process::exit(1);
            }
        }
        _ = tokio::signal::ctrl_c() => {}
    }
}
