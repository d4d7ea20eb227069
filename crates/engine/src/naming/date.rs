/// `YYYY-MM-DD` (UTC) of an epoch-milliseconds instant: the `{date}` field of a template.
pub fn civil_date(epoch_ms: i64) -> String {
    // Howard Hinnant's days-to-civil algorithm: exact for any day, no calendar crate.
    let days = epoch_ms.div_euclid(86_400_000);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn civil_dates() {
        assert_eq!(super::civil_date(0), "1970-01-01");
        assert_eq!(super::civil_date(1_775_831_883_112), "2026-04-10");
        assert_eq!(super::civil_date(951_782_400_000), "2000-02-29");
        assert_eq!(super::civil_date(-1), "1969-12-31");
    }
}
