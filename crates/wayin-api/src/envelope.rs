//! Success bodies come wrapped as `{"data": …}`, or, in an older revision, as
//! `{"code": "0", "data": …, "message": "success"}`. Error bodies have no documented
//! shape: a person-readable message is the first string among a few usual fields.

use serde::de::DeserializeOwned;
use serde_json::Value;

/// Why a 2xx body carried no usable payload.
#[derive(Debug, PartialEq)]
pub(crate) enum NoData {
    /// The older envelope's way of refusing a request inside a 200: a non-zero code.
    Refused {
        code: String,
        message: String,
    },
    Malformed(String),
}

/// The payload of a success body, or why there is none.
pub(crate) fn unwrap_data<T: DeserializeOwned>(body: &Value) -> Result<T, NoData> {
    let malformed = |why: &str| NoData::Malformed(why.to_owned());
    let object = body
        .as_object()
        .ok_or_else(|| malformed("the body is not a JSON object"))?;
    if let Some(code) = object.get("code") {
        let ok = match code {
            Value::String(s) => matches!(s.trim(), "0" | "200"),
            Value::Number(n) => matches!(n.as_i64(), Some(0) | Some(200)),
            _ => false,
        };
        if !ok {
            return Err(NoData::Refused {
                code: code
                    .as_str()
                    .map_or_else(|| code.to_string(), str::to_owned),
                message: message_of(body).unwrap_or_else(|| "no message".into()),
            });
        }
    }
    let data = object
        .get("data")
        .ok_or_else(|| malformed("the body has no \"data\" field"))?;
    if data.is_null() {
        return Err(malformed("the body's \"data\" is null"));
    }
    T::deserialize(data)
        .map_err(|e| NoData::Malformed(format!("the data did not have the expected shape ({e})")))
}

/// The human message of an error body: the first of `message`, `error_message`,
/// `detail`, `error` that is a non-empty string.
pub(crate) fn message_of(body: &Value) -> Option<String> {
    ["message", "error_message", "detail", "error"]
        .into_iter()
        .filter_map(|field| body.get(field)?.as_str())
        .map(str::trim)
        .find(|m| !m.is_empty())
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Item {
        id: String,
    }

    #[test]
    fn both_envelopes() {
        let item = Item { id: "x".into() };
        assert_eq!(
            unwrap_data::<Item>(&json!({"data": {"id": "x"}})).unwrap(),
            item
        );
        assert_eq!(
            unwrap_data::<Item>(&json!({"code": "0", "data": {"id": "x"}, "message": "success"}))
                .unwrap(),
            item
        );
        assert_eq!(
            unwrap_data::<Item>(&json!({"code": 0, "data": {"id": "x"}})).unwrap(),
            item
        );
    }

    #[test]
    fn malformed_bodies_are_explained() {
        let why = |body: Value| match unwrap_data::<Item>(&body).unwrap_err() {
            NoData::Malformed(why) => why,
            other => panic!("{other:?}"),
        };
        assert!(why(json!([1])).contains("not a JSON object"));
        assert!(why(json!({"id": "x"})).contains("no \"data\""));
        assert!(why(json!({"data": null})).contains("null"));
        assert!(why(json!({"data": {"id": 5}})).contains("expected shape"));
        assert_eq!(
            unwrap_data::<Item>(&json!({"code": "1001", "data": null, "message": "quota"}))
                .unwrap_err(),
            NoData::Refused {
                code: "1001".into(),
                message: "quota".into()
            }
        );
    }

    #[test]
    fn message_is_the_first_string_field() {
        assert_eq!(
            message_of(&json!({"error": "Forbidden", "status": 403})).as_deref(),
            Some("Forbidden")
        );
        assert_eq!(
            message_of(&json!({"message": "", "detail": "ratio is required", "error": "Bad"}))
                .as_deref(),
            Some("ratio is required")
        );
        assert_eq!(message_of(&json!({"message": 5})), None);
    }
}
