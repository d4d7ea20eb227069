//! Uploads one file through an upload ticket of the API at `BASE_URL`, as an upload job does:
//! `upload <BASE_URL> <API_KEY> <FILE>`. `cargo xtask bench` times it beside `curl -T`.

use std::path::PathBuf;
use std::time::Duration;

use tokio_util::sync::CancellationToken;
use transfer::upload::{upload, FileStamp, UploadRequest};
use wayin_api::create::UploadFile;
use wayin_api::{ApiKey, BaseUrl, ClientConfig, WayinClient};

#[tokio::main]
async fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [base, key, file] = args.as_slice() else {
        return Err("usage: upload <BASE_URL> <API_KEY> <FILE>".into());
    };
    let base = BaseUrl::parse(base).map_err(|e| e.to_string())?;
    let key = ApiKey::new(key.as_str()).ok_or("no usable key")?;
    let path = PathBuf::from(file);
    let stamp = FileStamp::of(&path).map_err(|e| e.to_string())?;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or("the file has no name")?;
    let checked = UploadFile::check(name, stamp.size).map_err(|e| e.to_string())?;
    let client =
        WayinClient::new(ClientConfig::new(base.clone(), key)).map_err(|e| e.to_string())?;
    let ticket = client
        .upload_ticket(&checked)
        .await
        .map_err(|e| e.to_string())?;
    let request = UploadRequest {
        path: &path,
        url: &ticket.upload_url,
        content_type: checked.content_type(),
        stamp,
    };
    let sent = upload(
        &transfer::http_client(&base),
        request,
        &mut |_| {},
        &CancellationToken::new(),
        Duration::from_millis(100),
    )
    .await
    .map_err(|e| e.to_string())?;
    println!("{sent} bytes uploaded as {}", ticket.identity);
    Ok(())
}
