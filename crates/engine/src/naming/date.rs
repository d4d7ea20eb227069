/// `YYYY-MM-DD` (UTC) of an epoch-milliseconds instant: the `{date}` field of a template.
pub fn civil_date(epoch_ms: i64) -> String {
    let (year, month, day) = crate::clock::civil_from_days(epoch_ms.div_euclid(86_400_000));
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
