//! Command-line configuration.

use std::path::PathBuf;

use crate::store::Limits;

/// Default sandbox client key.
pub const DEFAULT_CLIENT_KEY: &str = "SB-Mid-client-offline-sandbox";
/// Default sandbox server key.
pub const DEFAULT_SERVER_KEY: &str = "SB-Mid-server-offline-sandbox";

/// Usage text for `--help`.
pub const USAGE: &str = "usage: midtrans-sandbox [--port N] [--host 127.0.0.1] [--www DIR] [--pkg DIR] \
[--client-key K] [--server-key K] [--notification-url URL] [--public-api-base URL] \
[--time-scale N] [--notify-duplicate] [--notify-reorder]";

/// Server configuration, as given on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Address to bind.
    pub host: String,
    /// Port to bind; 0 picks a free port.
    pub port: u16,
    /// Static files for `/`.
    pub www: PathBuf,
    /// Static files for `/pkg/`.
    pub pkg: PathBuf,
    /// Client key accepted by `/v2/token` and `/v2/card/register`.
    pub client_key: String,
    /// Server key required by `/v2/charge` and `/v2/{id}/status`, and used to sign notifications.
    pub server_key: String,
    /// Where notifications go; default `http://127.0.0.1:{port}/api/notifications`.
    pub notification_url: Option<String>,
    /// Origin used in `redirect_url` and `/api/config`; default `http://api.sandbox.midtrans.localhost:{port}`.
    pub public_api_base: Option<String>,
    /// Divides the sandbox's own delays (pending 3DS2 verification, settlement, notification
    /// retry intervals) so tests need not wait hours; 1 = Midtrans's real timing.
    pub time_scale: u32,
    /// Send every notification twice (Midtrans may duplicate them).
    pub notify_duplicate: bool,
    /// Deliver notifications of one transaction newest first (Midtrans may reorder them).
    pub notify_reorder: bool,
    /// Caps that keep memory bounded.
    pub limits: Limits,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            host: "127.0.0.1".into(),
            port: 8080,
            www: PathBuf::from("./www"),
            pkg: PathBuf::from("./pkg"),
            client_key: DEFAULT_CLIENT_KEY.into(),
            server_key: DEFAULT_SERVER_KEY.into(),
            notification_url: None,
            public_api_base: None,
            time_scale: 1,
            notify_duplicate: false,
            notify_reorder: false,
            limits: Limits::default(),
        }
    }
}

impl Config {
    /// Parses arguments (without the program name). `Ok(None)` means `--help` was asked for.
    pub fn from_args<I: IntoIterator<Item = String>>(args: I) -> Result<Option<Self>, String> {
        let mut c = Config::default();
        let mut it = args.into_iter();
        while let Some(arg) = it.next() {
            let (flag, inline) = match arg.split_once('=') {
                Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
                _ => (arg.clone(), None),
            };
            if flag == "--help" || flag == "-h" {
                return Ok(None);
            }
            match flag.as_str() {
                "--notify-duplicate" => {
                    c.notify_duplicate = true;
                    continue;
                }
                "--notify-reorder" => {
                    c.notify_reorder = true;
                    continue;
                }
                _ => {}
            }
            let mut value =
                || inline.clone().or_else(|| it.next()).ok_or_else(|| format!("{flag} needs a value"));
            match flag.as_str() {
                "--port" => {
                    let v = value()?;
                    c.port = v.parse().map_err(|_| format!("bad --port: {v}"))?;
                }
                "--host" => c.host = value()?,
                "--www" => c.www = PathBuf::from(value()?),
                "--pkg" => c.pkg = PathBuf::from(value()?),
                "--client-key" => c.client_key = value()?,
                "--server-key" => c.server_key = value()?,
                "--notification-url" => c.notification_url = Some(value()?),
                "--time-scale" => {
                    let v = value()?;
                    c.time_scale =
                        v.parse().ok().filter(|n| *n >= 1).ok_or_else(|| format!("bad --time-scale: {v}"))?;
                }
                "--public-api-base" => c.public_api_base = Some(value()?.trim_end_matches('/').to_string()),
                other => return Err(format!("unknown argument: {other}\n{USAGE}")),
            }
        }
        Ok(Some(c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Option<Config>, String> {
        Config::from_args(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn defaults() {
        let c = parse(&[]).ok().flatten().unwrap_or_default();
        assert_eq!(c, Config::default());
        assert_eq!(c.port, 8080);
        assert_eq!(c.client_key, "SB-Mid-client-offline-sandbox");
    }

    #[test]
    fn flags() {
        let c = parse(&[
            "--port",
            "0",
            "--host=0.0.0.0",
            "--www",
            "w",
            "--public-api-base",
            "http://x.midtrans.localhost:1/",
            "--server-key",
            "S",
        ]);
        let c = c.ok().flatten().expect("parsed");
        assert_eq!(c.port, 0);
        assert_eq!(c.host, "0.0.0.0");
        assert_eq!(c.www, PathBuf::from("w"));
        assert_eq!(c.server_key, "S");
        assert_eq!(c.public_api_base.as_deref(), Some("http://x.midtrans.localhost:1"));
        let c = parse(&["--time-scale", "60", "--notify-duplicate", "--notify-reorder"]).ok().flatten();
        let c = c.expect("parsed");
        assert_eq!((c.time_scale, c.notify_duplicate, c.notify_reorder), (60, true, true));
        assert!(parse(&["--time-scale", "0"]).is_err());
        assert!(parse(&["--port", "x"]).is_err());
        assert!(parse(&["--port"]).is_err());
        assert!(parse(&["--nope"]).is_err());
        assert_eq!(parse(&["--help"]), Ok(None));
    }
}
