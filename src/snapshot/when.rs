//! Dates and times as the lists print them. FHIR date-times carry their offset; they are
//! printed in it (the EPR's local time), with no time zone database to disagree with it.

use chrono::{DateTime, FixedOffset, NaiveDate};

/// "31 Jan 1950" from a FHIR date; a partial date ("1950", "1950-01") as written.
pub fn date(text: &str) -> String {
    match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(d) => d.format("%-d %b %Y").to_string(),
        Err(_) => text.to_string(),
    }
}

/// A date of birth as [`date`] prints it, joined by no-break spaces: "5 Feb / 2000" split
/// across lines reads as two facts, and a date of birth is how a patient is identified.
pub fn birth_date(text: &str) -> String {
    date(text).replace(' ', "\u{a0}")
}

/// "27 Nov 14:05" from a FHIR dateTime (the year goes without saying on a list of who is
/// in now, and leaves room in narrow columns); a date alone as [`date`].
pub fn date_time(text: &str) -> String {
    match DateTime::parse_from_rfc3339(text) {
        Ok(t) => t.format("%-d %b %H:%M").to_string(),
        Err(_) => date(text),
    }
}

/// The data-as-of time in full, with its offset: "Sunday 29 November 2026, 14:00 (UTC+00:00)".
pub fn as_of(t: &DateTime<FixedOffset>) -> String {
    t.format("%A %-d %B %Y, %H:%M (UTC%:z)").to_string()
}

/// An age in hours and minutes: "5 h 20 min".
pub fn age(minutes: i64) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

#[cfg(test)]
mod tests {
    // FHIR's date forms print readably; what cannot be read prints as written.
    #[test]
    fn formats() {
        assert_eq!(super::date("1950-01-31"), "31 Jan 1950");
        assert_eq!(super::date("1950"), "1950");
        assert_eq!(
            super::date_time("2026-11-27T14:05:00+00:00"),
            "27 Nov 14:05"
        );
        assert_eq!(super::age(320), "5 h 20 min");
        assert_eq!(super::birth_date("2000-02-05"), "5\u{a0}Feb\u{a0}2000");
    }
}
