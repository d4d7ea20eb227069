//! `wayin-release manifest`: the updater's `latest.json` from signed packages.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use release::{build_manifest, signature_path, ReleaseError, UpdaterPackage, MANIFEST_FILE};

use super::args::Args;
use super::sums::common_folder;
use super::Failure;

pub fn run(args: &[String]) -> Result<(), Failure> {
    let args = Args::parse(
        args,
        &["version", "notes", "notes-file", "base-url", "out"],
        &[],
    )?;
    let version = args.required("version")?;
    let base_url = args.required("base-url")?;
    let notes = notes(&args)?;
    let files = args.files()?;
    let written = match args.value("out") {
        Some(out) => PathBuf::from(out),
        None => common_folder(files)?.join(MANIFEST_FILE),
    };

    let packages = files
        .iter()
        .map(|file| signed_package(file))
        .collect::<Result<Vec<_>, _>>()?;
    let manifest = build_manifest(version, &notes, SystemTime::now(), base_url, &packages)?;
    std::fs::write(&written, manifest.to_json())
        .map_err(|err| ReleaseError::io(&written, "write", err))?;
    println!("{}", written.display());
    Ok(())
}

fn notes(args: &Args) -> Result<String, Failure> {
    match (args.value("notes"), args.value("notes-file")) {
        (Some(text), None) => Ok(text.to_string()),
        (None, Some(file)) => std::fs::read_to_string(file)
            .map(|text| text.trim_end().to_string())
            .map_err(|err| ReleaseError::io(file, "read the notes", err).into()),
        _ => Err(Failure::Usage(
            "give the release notes with one of --notes TEXT or --notes-file FILE".into(),
        )),
    }
}

fn signed_package(file: &Path) -> Result<UpdaterPackage, ReleaseError> {
    let file_name = file
        .file_name()
        .and_then(|name| name.to_str())
        .ok_or_else(|| ReleaseError::NotUrlSafe {
            file: file.display().to_string(),
        })?
        .to_string();
    let sig = signature_path(file);
    let signature = match std::fs::read_to_string(&sig) {
        Ok(signature) => signature.trim().to_string(),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            return Err(ReleaseError::MissingSignature {
                file: file.display().to_string(),
            })
        }
        Err(err) => return Err(ReleaseError::io(&sig, "read", err)),
    };
    Ok(UpdaterPackage {
        file_name,
        signature,
    })
}
