//! Durations as people write them in procedures: `30m`, `4h`, `1h30m`, `2d`.

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
            'm' | 'h' | 'd' => {
                let unit = match ch {
                    'm' => 1,
                    'h' => 60,
                    _ => 24 * 60,
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

/// Human form of a number of minutes, e.g. `4 hours`, `30 minutes`, `1 h 30 min`.
pub fn describe(minutes: u32) -> String {
    let (days, hours, mins) = (minutes / 1440, (minutes % 1440) / 60, minutes % 60);
    let plural = |n: u32, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    match (days, hours, mins) {
        (0, 0, m) => plural(m, "minute", "minutes"),
        (0, h, 0) => plural(h, "hour", "hours"),
        (d, 0, 0) => plural(d, "day", "days"),
        (0, h, m) => format!("{h} h {m} min"),
        (d, h, m) => format!("{d} d {h} h {m} min"),
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
    }

    // Protects the wording printed in packs.
    #[test]
    fn describes_minutes() {
        assert_eq!(describe(30), "30 minutes");
        assert_eq!(describe(60), "1 hour");
        assert_eq!(describe(240), "4 hours");
        assert_eq!(describe(90), "1 h 30 min");
        assert_eq!(describe(2880), "2 days");
    }
}
