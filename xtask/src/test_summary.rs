//! Adds up the `test result:` lines cargo test prints, one per test binary.

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct TestSummary {
    pub passed: u64,
    pub failed: u64,
    pub ignored: u64,
    /// How many `test result:` lines were seen.
    pub binaries: u64,
}

impl TestSummary {
    /// Counts `line` if it is a cargo test result line, e.g.
    /// `test result: ok. 5 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s`
    pub fn add_line(&mut self, line: &str) {
        let Some(rest) = line.trim().strip_prefix("test result: ") else {
            return;
        };
        self.binaries += 1;
        for part in rest.split(';') {
            let mut words = part.split_whitespace().skip_while(|w| w.ends_with('.'));
            let (Some(count), Some(label)) = (words.next(), words.next()) else {
                continue;
            };
            let Ok(count) = count.parse::<u64>() else {
                continue;
            };
            match label {
                "passed" => self.passed += count,
                "failed" => self.failed += count,
                "ignored" => self.ignored += count,
                _ => {}
            }
        }
    }

    /// The closing line: `N passed, N failed, N skipped`.
    pub fn closing_line(&self) -> String {
        format!(
            "{} passed, {} failed, {} skipped",
            self.passed, self.failed, self.ignored
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_every_result_line() {
        let mut summary = TestSummary::default();
        for line in [
            "running 3 tests",
            "test result: ok. 5 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s",
            "test result: FAILED. 2 passed; 3 failed; 0 ignored; 0 measured; 4 filtered out; finished in 1.20s",
            "   Doc-tests wayin_keychain",
            "test result: ok. 0 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s",
        ] {
            summary.add_line(line);
        }
        assert_eq!(
            summary,
            TestSummary {
                passed: 7,
                failed: 3,
                ignored: 1,
                binaries: 3
            }
        );
        assert_eq!(summary.closing_line(), "7 passed, 3 failed, 1 skipped");
    }

    #[test]
    fn ignores_other_lines() {
        let mut summary = TestSummary::default();
        summary.add_line("test keychain::round_trip ... ok");
        summary.add_line("note: test result: is a phrase");
        assert_eq!(summary, TestSummary::default());
    }
}
