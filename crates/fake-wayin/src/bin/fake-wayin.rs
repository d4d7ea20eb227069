//! Runs the WayinVideo stand-in until Ctrl-C or SIGTERM, for demo mode, benchmarks and manual
//! testing. The first two lines on stdout are `base_url=...` and `api_key=...`.

use std::time::Duration;

use clap::Parser;
use fake_wayin::{FakeConfig, FakeServer};

#[derive(Parser)]
#[command(
    name = "fake-wayin",
    about = "Local stand-in of the WayinVideo v2 clips API"
)]
struct Args {
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 8787)]
    port: u16,
    /// Export tasks render this many times faster than the real service.
    #[arg(long, default_value_t = 1.0)]
    speed: f64,
    /// API calls allowed per key per window (0 disables the limit).
    #[arg(long, default_value_t = 15)]
    rate_limit: u32,
    /// Length of the rate-limit window in seconds.
    #[arg(long, default_value_t = 60.0)]
    rate_window_secs: f64,
    /// Export tasks allowed to process at once.
    #[arg(long, default_value_t = 5)]
    max_processing: usize,
    /// Lifetime of export links in seconds.
    #[arg(long, default_value_t = 24.0 * 60.0 * 60.0)]
    link_ttl_secs: f64,
    /// How long export tasks stay readable, in seconds.
    #[arg(long, default_value_t = 3.0 * 24.0 * 60.0 * 60.0)]
    task_ttl_secs: f64,
    /// API key to accept instead of the built-in test key.
    #[arg(long)]
    api_key: Option<String>,
    /// Add a synthetic project: ID:CLIP_COUNT:CLIP_BYTES (bytes may end in K, M or G). Repeatable.
    #[arg(long, value_name = "ID:COUNT:BYTES", value_parser = parse_synthetic)]
    synthetic: Vec<(String, u32, u64)>,
}

fn parse_synthetic(text: &str) -> Result<(String, u32, u64), String> {
    let mut parts = text.rsplitn(3, ':');
    let (Some(size), Some(count), Some(id)) = (parts.next(), parts.next(), parts.next()) else {
        return Err("expected ID:COUNT:BYTES, e.g. bench:4:512M".to_string());
    };
    let count = count
        .parse()
        .map_err(|_| format!("clip count {count:?} is not a whole number"))?;
    Ok((id.to_string(), count, parse_size(size)?))
}

fn parse_size(text: &str) -> Result<u64, String> {
    let (digits, multiplier) = match text.char_indices().last() {
        Some((at, 'K' | 'k')) => (&text[..at], 1 << 10),
        Some((at, 'M' | 'm')) => (&text[..at], 1 << 20),
        Some((at, 'G' | 'g')) => (&text[..at], 1 << 30),
        _ => (text, 1),
    };
    digits
        .parse::<u64>()
        .ok()
        .and_then(|value| value.checked_mul(multiplier))
        .ok_or_else(|| format!("size {text:?} is not a byte count like 1048576, 512M or 2G"))
}

fn seconds(value: f64, flag: &str) -> Duration {
    Duration::try_from_secs_f64(value).unwrap_or_else(|_| {
        eprintln!("--{flag} must be a non-negative number of seconds");
        std::process::exit(2);
    })
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    let filter: tracing_subscriber::filter::Targets = std::env::var("RUST_LOG")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or_else(|| "fake_wayin=info".parse().expect("a valid filter"));
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .finish()
        .with(filter)
        .init();
    let args = Args::parse();
    let defaults = FakeConfig::default();
    let config = FakeConfig {
        port: args.port,
        api_key: args.api_key.unwrap_or(defaults.api_key),
        speed: args.speed,
        rate_limit: args.rate_limit,
        rate_window: seconds(args.rate_window_secs, "rate-window-secs"),
        max_processing: args.max_processing,
        link_ttl: seconds(args.link_ttl_secs, "link-ttl-secs"),
        task_ttl: seconds(args.task_ttl_secs, "task-ttl-secs"),
        admin_routes: true,
        ..defaults
    };
    let server = FakeServer::start(config).await?;
    let control = server.control();
    for (id, count, size) in &args.synthetic {
        control.add_synthetic_project(id, *count, *size);
    }
    println!("base_url={}", server.base_url());
    println!("api_key={}", server.api_key());
    println!("origin={}", server.origin());
    println!("projects={}", control.project_ids().join(","));
    stopped().await;
    server.shutdown().await;
    Ok(())
}

async fn stopped() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = terminate.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_synthetic_specs() {
        assert_eq!(
            parse_synthetic("bench:4:512M"),
            Ok(("bench".to_string(), 4, 512 << 20))
        );
        assert_eq!(
            parse_synthetic("big:1:2G"),
            Ok(("big".to_string(), 1, 2 << 30))
        );
        assert_eq!(parse_synthetic("b:2:1000"), Ok(("b".to_string(), 2, 1000)));
        assert!(parse_synthetic("b:x:1").is_err());
        assert!(parse_synthetic("b:1").is_err());
    }
}
