//! Adds up test results: the `test result:` lines cargo test prints, one per
//! test binary, and the closing counts of `node --test`.

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct TestSummary {
    pub passed: u64,
    pub failed: u64,
    pub ignored: u64,
    /// How many result reports were seen: cargo `test result:` lines and
    /// node's closing `# tests N` blocks.
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

    /// Counts `line` if it belongs to the closing block of `node --test`
    /// (TAP or spec reporter), e.g. `# pass 12`, `# fail 1`, `# skipped 2`
    /// (`ℹ pass 12` in the spec reporter). Cancelled tests count as failed,
    /// todo tests as skipped. Only unindented lines count: indented ones
    /// belong to a single test's output.
    pub fn add_node_line(&mut self, line: &str) {
        let Some(rest) = line
            .strip_prefix("# ")
            .or_else(|| line.strip_prefix("\u{2139} "))
        else {
            return;
        };
        let mut words = rest.split_whitespace();
        let (Some(label), Some(count), None) = (words.next(), words.next(), words.next()) else {
            return;
        };
        let Ok(count) = count.parse::<u64>() else {
            return;
        };
        match label {
            "tests" => self.binaries += 1,
            "pass" => self.passed += count,
            "fail" | "cancelled" => self.failed += count,
            "skipped" | "todo" => self.ignored += count,
            _ => {}
        }
    }

    /// Counts a check that is not a test runner (the page's type check) as one test.
    pub fn add_check(&mut self, passed: bool) {
        if passed {
            self.passed += 1;
        } else {
            self.failed += 1;
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
    fn adds_node_test_closing_counts() {
        let mut summary = TestSummary::default();
        summary.add_line(
            "test result: ok. 5 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s",
        );
        for line in [
            "ok 1 - a click selects one clip",
            "# 500-clip grid: rendered in 143.3 ms",
            "    # pass 99",
            "1..70",
            "# tests 70",
            "# suites 0",
            "# pass 66",
            "# fail 1",
            "# cancelled 1",
            "# skipped 1",
            "# todo 1",
            "# duration_ms 52608.466199",
        ] {
            summary.add_node_line(line);
        }
        assert_eq!(
            summary,
            TestSummary {
                passed: 71,
                failed: 2,
                ignored: 3,
                binaries: 2
            }
        );
    }

    #[test]
    fn reads_the_spec_reporter_too() {
        let mut summary = TestSummary::default();
        for line in ["\u{2139} tests 3", "\u{2139} pass 2", "\u{2139} fail 1"] {
            summary.add_node_line(line);
        }
        assert_eq!(summary.closing_line(), "2 passed, 1 failed, 0 skipped");
    }

    #[test]
    fn a_check_counts_as_one_test() {
        let mut summary = TestSummary::default();
        summary.add_check(true);
        summary.add_check(false);
        assert_eq!(summary.closing_line(), "1 passed, 1 failed, 0 skipped");
        assert_eq!(summary.binaries, 0, "a check is no test runner's report");
    }

    #[test]
    fn ignores_other_lines() {
        let mut summary = TestSummary::default();
        summary.add_line("test keychain::round_trip ... ok");
        summary.add_line("note: test result: is a phrase");
        assert_eq!(summary, TestSummary::default());
    }
}
