//! Deserialisers for fields the API sends in more than one shape: the vendor documents
//! numbers, one public example sends them as strings (`"15000"`).

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use std::fmt;

struct NumberOrString;

impl<'de> Visitor<'de> for NumberOrString {
    type Value = Option<f64>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number, a numeric string or null")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v as f64))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v as f64))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Some(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        let v = v.trim();
        if v.is_empty() {
            return Ok(None);
        }
        v.parse::<f64>()
            .map(Some)
            .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

pub(crate) fn opt_f64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    d.deserialize_option(NumberOrString)
}

pub(crate) fn opt_u64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    match opt_f64(d)? {
        Some(v) if v >= 0.0 && v.is_finite() => Ok(Some(v.round() as u64)),
        Some(v) => Err(de::Error::custom(format!(
            "expected a non-negative number, got {v}"
        ))),
        None => Ok(None),
    }
}

pub(crate) fn u32_required<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    match opt_f64(d)? {
        Some(v) if v >= 0.0 && v <= u32::MAX as f64 && v.fract() == 0.0 => Ok(v as u32),
        Some(v) => Err(de::Error::custom(format!("expected a clip index, got {v}"))),
        None => Err(de::Error::custom("clip index is missing")),
    }
}

/// `null`, a missing field and `""` all mean "no value" (e.g. an `export_link` that
/// is not rendered yet).
pub(crate) fn opt_nonempty_string<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<String>, D::Error> {
    Ok(Option::<String>::deserialize(d)?.filter(|s| !s.trim().is_empty()))
}

/// `null` lists become empty lists.
pub(crate) fn vec_or_null<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

/// Text fields sent as null become empty text.
pub(crate) fn string_or_null<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?.unwrap_or_default())
}
