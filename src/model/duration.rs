//! Durations as people write them in procedures: `30m`, `4h`, `1h30m`, `2d`, `1w`; offsets
//! before a start (`-2h`); cadences (`1h`, `1d`, `1w`, `1mo`).

/// Parse a duration into minutes. Returns `None` for anything else, so the caller can say
/// which field was wrong.
pub fn parse_minutes(text: &str) -> Option<u32> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let mut total: u32 = 0;
    let mut number: Option<u32> = None;
    for ch in text.chars() {
        match ch {
            '0'..='9' => {
                let digit = ch.to_digit(10)?;
                number = Some(number.unwrap_or(0).checked_mul(10)?.checked_add(digit)?);
            }
            'm' | 'h' | 'd' | 'w' => {
                let unit = match ch {
                    'm' => 1,
                    'h' => 60,
                    'd' => 24 * 60,
                    _ => 7 * 24 * 60,
                };
                total = total.checked_add(number.take()?.checked_mul(unit)?)?;
            }
            _ => return None,
        }
    }
    // A trailing bare number ("30") has no unit: refuse rather than guess minutes or hours.
    if number.is_some() {
        return None;
    }
    Some(total)
}

/// Parse an offset from a start: `-2h` is two hours before it. In minutes.
pub fn parse_offset(text: &str) -> Option<i64> {
    let text = text.trim();
    match text.strip_prefix('-') {
        Some(rest) => parse_minutes(rest).map(|m| -i64::from(m)),
        None => parse_minutes(text.strip_prefix('+').unwrap_or(text)).map(i64::from),
    }
}

/// How often a step repeats: a number of minutes, or of calendar months (`1mo`), which
/// have no fixed length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cadence {
    Minutes(u32),
    Months(u32),
}

impl Cadence {
    /// `1h`, `4h`, `1d`, `1w`, `2w`, `1mo`; `None` for anything else, or for zero.
    pub fn parse(text: &str) -> Option<Cadence> {
        let text = text.trim();
        let cadence = match text.strip_suffix("mo") {
            Some(n) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
                Cadence::Months(n.parse().ok()?)
            }
            _ => Cadence::Minutes(parse_minutes(text)?),
        };
        (cadence != Cadence::Minutes(0) && cadence != Cadence::Months(0)).then_some(cadence)
    }

    /// "every hour", "every 4 hours", "every day", "every 2 weeks", "every month".
    pub fn describe(self) -> String {
        let (n, one, many) = match self {
            Cadence::Months(n) => (n, "month", "months"),
            Cadence::Minutes(m) if m % (7 * 1440) == 0 => (m / (7 * 1440), "week", "weeks"),
            Cadence::Minutes(m) if m % 1440 == 0 => (m / 1440, "day", "days"),
            Cadence::Minutes(m) if m % 60 == 0 => (m / 60, "hour", "hours"),
            Cadence::Minutes(m) => return format!("every {}", describe(m)),
        };
        match n {
            1 => format!("every {one}"),
            n => format!("every {n} {many}"),
        }
    }

    /// Whether a readiness log needs a row per day for this cadence (rather than per week).
    pub fn daily_or_more(self) -> bool {
        matches!(self, Cadence::Minutes(m) if m <= 1440)
    }
}

/// An offset before a start as printed on a countdown: `T-2h`, `T-1d`, `T-1h30m`.
pub fn describe_offset(minutes: i64) -> String {
    let sign = if minutes < 0 { "-" } else { "+" };
    let m = minutes.unsigned_abs();
    let (d, h, min) = (m / 1440, (m % 1440) / 60, m % 60);
    let mut out = format!("T{sign}");
    for (n, unit) in [(d, "d"), (h, "h"), (min, "m")] {
        if n > 0 {
            out.push_str(&format!("{n}{unit}"));
        }
    }
    if m == 0 {
        out = "T".to_string();
    }
    out
}

/// Human form of a number of minutes, e.g. `4 hours`, `30 minutes`, `1 h 30 min`.
pub fn describe(minutes: u32) -> String {
    let (days, hours, mins) = (minutes / 1440, (minutes % 1440) / 60, minutes % 60);
    let plural = |n: u32, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    match (days, hours, mins) {
        (0, 0, m) => plural(m, "minute", "minutes"),
        (0, h, 0) => plural(h, "hour", "hours"),
        (d, 0, 0) if d % 7 == 0 => plural(d / 7, "week", "weeks"),
        (d, 0, 0) => plural(d, "day", "days"),
        (0, h, m) => format!("{h} h {m} min"),
        // Only the parts that are there: 36 hours is "1 day 12 hours", not "1 d 12 h 0 min".
        (d, h, m) => [
            (d, "day", "days"),
            (h, "hour", "hours"),
            (m, "minute", "minutes"),
        ]
        .into_iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| plural(n, one, many))
        .collect::<Vec<_>>()
        .join(" "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Protects the units staff write in escalation thresholds.
    #[test]
    fn parses_common_forms() {
        assert_eq!(parse_minutes("30m"), Some(30));
        assert_eq!(parse_minutes("4h"), Some(240));
        assert_eq!(parse_minutes("1h30m"), Some(90));
        assert_eq!(parse_minutes("2d"), Some(2880));
        assert_eq!(parse_minutes("30"), None);
        assert_eq!(parse_minutes("4 hours"), None);
        assert_eq!(parse_minutes("h"), None);
        assert_eq!(parse_minutes("99999999999d"), None);
        assert_eq!(parse_minutes("1w"), Some(7 * 1440));
    }

    // Protects countdown offsets: the sign says before or after the start.
    #[test]
    fn parses_offsets() {
        assert_eq!(parse_offset("-2h"), Some(-120));
        assert_eq!(parse_offset("-1d"), Some(-1440));
        assert_eq!(parse_offset("2h"), Some(120));
        assert_eq!(parse_offset("-"), None);
        assert_eq!(describe_offset(-120), "T-2h");
        assert_eq!(describe_offset(-90), "T-1h30m");
        assert_eq!(describe_offset(-1440), "T-1d");
    }

    // Protects the cadence printed beside routine and during steps.
    #[test]
    fn parses_and_describes_cadences() {
        assert_eq!(Cadence::parse("1h"), Some(Cadence::Minutes(60)));
        assert_eq!(Cadence::parse("1mo"), Some(Cadence::Months(1)));
        assert_eq!(Cadence::parse("0h"), None);
        assert_eq!(Cadence::parse("mo"), None);
        assert_eq!(Cadence::parse("1x"), None);
        assert_eq!(Cadence::parse("1h").unwrap().describe(), "every hour");
        assert_eq!(Cadence::parse("4h").unwrap().describe(), "every 4 hours");
        assert_eq!(Cadence::parse("1d").unwrap().describe(), "every day");
        assert_eq!(Cadence::parse("2w").unwrap().describe(), "every 2 weeks");
        assert_eq!(Cadence::parse("1mo").unwrap().describe(), "every month");
        assert_eq!(
            Cadence::parse("90m").unwrap().describe(),
            "every 1 h 30 min"
        );
    }

    // Protects the wording printed in packs.
    #[test]
    fn describes_minutes() {
        assert_eq!(describe(30), "30 minutes");
        assert_eq!(describe(60), "1 hour");
        assert_eq!(describe(240), "4 hours");
        assert_eq!(describe(90), "1 h 30 min");
        assert_eq!(describe(2880), "2 days");
        assert_eq!(describe(7 * 1440), "1 week");
        assert_eq!(describe(36 * 60), "1 day 12 hours");
        assert_eq!(describe(1440 + 30), "1 day 30 minutes");
        assert_eq!(describe(14 * 1440), "2 weeks");
    }
}
