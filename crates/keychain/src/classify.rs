//! Maps `keyring` errors onto [`KeychainError`], keeping secrets out of the text.

use crate::KeychainError;

pub(crate) fn keychain_error(err: keyring::Error) -> KeychainError {
    match err {
        keyring::Error::NoStorageAccess(source) => KeychainError::Unavailable {
            reason: source.to_string(),
        },
        keyring::Error::PlatformFailure(source) => platform_failure(source.as_ref()),
        // The bytes are the stored secret itself: never echo them.
        keyring::Error::BadEncoding(_) => failed("the stored key is not valid UTF-8"),
        keyring::Error::NoEntry => failed("no key is stored"),
        keyring::Error::TooLong(attribute, limit) => {
            failed(format!("{attribute} is longer than {limit} characters"))
        }
        keyring::Error::Invalid(attribute, why) => failed(format!("invalid {attribute}: {why}")),
        keyring::Error::Ambiguous(items) => failed(format!(
            "{} entries match; remove the duplicates in the system keychain",
            items.len()
        )),
        other => failed(other.to_string()),
    }
}

fn failed(reason: impl Into<String>) -> KeychainError {
    KeychainError::Failed {
        reason: reason.into(),
    }
}

#[cfg(target_os = "linux")]
fn platform_failure(source: &(dyn std::error::Error + Send + Sync + 'static)) -> KeychainError {
    match secret_service_unreachable(source) {
        Some(reason) => KeychainError::Unavailable { reason },
        None => failed(source.to_string()),
    }
}

#[cfg(not(target_os = "linux"))]
fn platform_failure(source: &(dyn std::error::Error + Send + Sync + 'static)) -> KeychainError {
    failed(source.to_string())
}

/// D-Bus errors that mean "there is no session bus, or nobody on it serves
/// org.freedesktop.secrets" rather than "the Secret Service refused".
#[cfg(target_os = "linux")]
const UNREACHABLE_DBUS_ERRORS: &[&str] = &[
    "org.freedesktop.DBus.Error.NoServer",
    "org.freedesktop.DBus.Error.FileNotFound",
    "org.freedesktop.DBus.Error.NotSupported",
    "org.freedesktop.DBus.Error.ServiceUnknown",
    "org.freedesktop.DBus.Error.NameHasNoOwner",
    "org.freedesktop.DBus.Error.NoNetwork",
    "org.freedesktop.DBus.Error.Disconnected",
    "org.freedesktop.DBus.Error.BadAddress",
    "org.freedesktop.DBus.Error.Spawn.ExecFailed",
    "org.freedesktop.DBus.Error.Spawn.ChildExited",
    "org.freedesktop.DBus.Error.Spawn.ServiceNotFound",
];

#[cfg(target_os = "linux")]
fn secret_service_unreachable(
    source: &(dyn std::error::Error + Send + Sync + 'static),
) -> Option<String> {
    use dbus_secret_service::Error as SsError;
    match source.downcast_ref::<SsError>()? {
        SsError::Unavailable => Some("no D-Bus session or Secret Service provider found".into()),
        SsError::Dbus(dbus_err) => {
            let name = dbus_err.name()?;
            UNREACHABLE_DBUS_ERRORS.contains(&name).then(|| {
                let detail = dbus_err.message().unwrap_or(name);
                format!("no Secret Service reachable on the session D-Bus: {detail}")
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_storage_access_is_unavailable() {
        let err = keychain_error(keyring::Error::NoStorageAccess("locked".into()));
        assert!(err.is_unavailable(), "{err:?}");
        assert_eq!(
            err.to_string(),
            "No system keychain is available (locked). The key can be used for this session only."
        );
    }

    #[test]
    fn undecodable_secret_is_never_echoed() {
        let secret = b"sk-very-secret\xff".to_vec();
        let err = keychain_error(keyring::Error::BadEncoding(secret));
        for text in [err.to_string(), format!("{err:?}")] {
            assert!(!text.contains("very-secret"), "{text}");
            assert!(!text.contains("115, 107"), "{text}"); // "sk" as Debug bytes
        }
        assert!(!err.is_unavailable());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn missing_secret_service_is_unavailable() {
        let dbus_err = dbus::Error::new_custom(
            "org.freedesktop.DBus.Error.ServiceUnknown",
            "The name org.freedesktop.secrets was not provided by any .service files",
        );
        let source = dbus_secret_service::Error::Dbus(dbus_err);
        let err = keychain_error(keyring::Error::PlatformFailure(Box::new(source)));
        assert!(err.is_unavailable(), "{err:?}");
        assert!(err.to_string().contains("org.freedesktop.secrets"));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn refusal_from_a_running_service_is_a_failure() {
        let dbus_err = dbus::Error::new_custom("org.freedesktop.DBus.Error.AccessDenied", "nope");
        let source = dbus_secret_service::Error::Dbus(dbus_err);
        let err = keychain_error(keyring::Error::PlatformFailure(Box::new(source)));
        assert_eq!(
            err,
            KeychainError::Failed {
                reason: "DBus error: nope".into()
            }
        );
    }
}
