//! The single-range subset of HTTP `Range` (RFC 9110 §14) that download clients use.

/// What to send for a request's `Range` header against a file of a known length.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum RangeAnswer {
    /// No usable range: send the whole file with 200.
    Whole,
    /// Send bytes `start..=end` with 206.
    Part { start: u64, end: u64 },
    /// 416 with `Content-Range: bytes */len`.
    Unsatisfiable,
}

pub(crate) fn answer(range_header: Option<&str>, file_len: u64) -> RangeAnswer {
    let Some(spec) = range_header.and_then(|value| value.trim().strip_prefix("bytes=")) else {
        // Absent, or a unit other than bytes: servers ignore what they do not understand.
        return RangeAnswer::Whole;
    };
    if spec.contains(',') {
        // Multipart answers are optional; the whole file is a valid answer to several ranges.
        return RangeAnswer::Whole;
    }
    let Some((first, last)) = spec.trim().split_once('-') else {
        return RangeAnswer::Whole;
    };
    let parse = |text: &str| text.trim().parse::<u64>().ok();
    match (first.trim().is_empty(), last.trim().is_empty()) {
        // bytes=-N: the last N bytes.
        (true, false) => match parse(last) {
            Some(0) => RangeAnswer::Unsatisfiable,
            Some(_) if file_len == 0 => RangeAnswer::Unsatisfiable,
            Some(suffix) => RangeAnswer::Part {
                start: file_len.saturating_sub(suffix),
                end: file_len - 1,
            },
            None => RangeAnswer::Whole,
        },
        // bytes=A-
        (false, true) => match parse(first) {
            Some(start) if start >= file_len => RangeAnswer::Unsatisfiable,
            Some(start) => RangeAnswer::Part {
                start,
                end: file_len - 1,
            },
            None => RangeAnswer::Whole,
        },
        // bytes=A-B
        (false, false) => match (parse(first), parse(last)) {
            (Some(start), Some(end)) if start > end || start >= file_len => {
                RangeAnswer::Unsatisfiable
            }
            (Some(start), Some(end)) => RangeAnswer::Part {
                start,
                end: end.min(file_len - 1),
            },
            _ => RangeAnswer::Whole,
        },
        (true, true) => RangeAnswer::Whole,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_the_forms_clients_send() {
        assert_eq!(answer(None, 100), RangeAnswer::Whole);
        assert_eq!(
            answer(Some("bytes=0-9"), 100),
            RangeAnswer::Part { start: 0, end: 9 }
        );
        assert_eq!(
            answer(Some("bytes=90-"), 100),
            RangeAnswer::Part { start: 90, end: 99 }
        );
        assert_eq!(
            answer(Some("bytes=90-500"), 100),
            RangeAnswer::Part { start: 90, end: 99 }
        );
        assert_eq!(
            answer(Some("bytes=-10"), 100),
            RangeAnswer::Part { start: 90, end: 99 }
        );
        assert_eq!(
            answer(Some("bytes=-500"), 100),
            RangeAnswer::Part { start: 0, end: 99 }
        );
        assert_eq!(answer(Some("bytes=100-"), 100), RangeAnswer::Unsatisfiable);
        assert_eq!(answer(Some("bytes=9-3"), 100), RangeAnswer::Unsatisfiable);
        assert_eq!(answer(Some("bytes=0-1,5-6"), 100), RangeAnswer::Whole);
        assert_eq!(answer(Some("items=0-1"), 100), RangeAnswer::Whole);
        assert_eq!(answer(Some("bytes=x-"), 100), RangeAnswer::Whole);
    }
}
