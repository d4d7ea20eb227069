use std::time::Duration;

/// The API key the fake accepts unless configured otherwise. Shaped like a real key so clients
/// that check the length or mask all but the last characters behave as they would in production.
pub const TEST_API_KEY: &str = "wayin_test_key_0000000000000000000000000";

/// How a [`crate::FakeServer`] behaves. `Default` mirrors the documented production limits.
#[derive(Debug, Clone)]
pub struct FakeConfig {
    /// Port on 127.0.0.1; 0 lets the OS pick a free one.
    pub port: u16,
    /// The only key accepted in `Authorization: Bearer <key>`.
    pub api_key: String,
    /// Time-lapse factor for export tasks: 50.0 renders 50 times faster than the real service.
    pub speed: f64,
    /// API calls allowed per key within `rate_window` (polls included). 0 disables the limit.
    pub rate_limit: u32,
    /// Length of the sliding rate-limit window.
    pub rate_window: Duration,
    /// Export tasks that may be CREATED, QUEUED or ONGOING at once per key.
    pub max_processing: usize,
    /// How long a freshly issued `export_link` stays valid.
    pub link_ttl: Duration,
    /// How long after submission an export task can still be read back.
    pub task_ttl: Duration,
    /// The largest file one upload takes (the vendor's 5 GB); tests lower it.
    pub max_upload_bytes: u64,
    /// How long an upload ticket's link stays valid (the vendor's hour).
    pub upload_ttl: Duration,
    /// Serve the `/__fake` admin routes (steering and inspection, no auth). Off in the
    /// app's demo, where any program on the machine could otherwise steer it.
    pub admin_routes: bool,
}

impl Default for FakeConfig {
    fn default() -> Self {
        FakeConfig {
            port: 0,
            api_key: TEST_API_KEY.to_string(),
            speed: 1.0,
            rate_limit: 15,
            rate_window: Duration::from_secs(60),
            max_processing: 5,
            link_ttl: Duration::from_secs(24 * 60 * 60),
            task_ttl: Duration::from_secs(3 * 24 * 60 * 60),
            max_upload_bytes: 5 * 1024 * 1024 * 1024,
            upload_ttl: Duration::from_secs(60 * 60),
            admin_routes: true,
        }
    }
}
