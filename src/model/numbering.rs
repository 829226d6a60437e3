//! Reserved downtime numbers: blocks of patient or encounter numbers (`DT-700001` to
//! `DT-700100`) a ward or site hands out on paper. Two blocks that overlap would give two
//! patients one number, so every block in the trust is checked against every other.

use crate::diagnostic::Diagnostic;
use crate::load::raw;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct NumberRange {
    pub from: String,
    pub to: String,
    pub purpose: String,
    prefix: String,
    start: u64,
    end: u64,
    file: PathBuf,
    path: String,
    owner: String,
}

/// `DT-700001` as (`DT-`, 700001, 6 digits); `None` without trailing digits.
fn split(number: &str) -> Option<(&str, u64, usize)> {
    let digits = number.len() - number.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 18 {
        return None;
    }
    let (prefix, tail) = number.split_at(number.len() - digits);
    Some((prefix, tail.parse().ok()?, digits))
}

/// The ranges of one ward or site (`owner`, e.g. "ward `ward-7`"), each checked on its own.
pub(super) fn resolve(
    ranges: &[raw::NumberRange],
    owner: String,
    file: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Vec<NumberRange> {
    ranges
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let path = format!("numbering[{i}]");
            let (from, to) = (r.from.trim(), r.to.trim());
            let problem = match (split(from), split(to)) {
                (Some((p1, s, d1)), Some((p2, e, d2))) if p1 == p2 && d1 == d2 && s <= e => {
                    return Some(NumberRange {
                        from: from.to_string(),
                        to: to.to_string(),
                        purpose: r.purpose.to_string(),
                        prefix: p1.to_string(),
                        start: s,
                        end: e,
                        file: file.to_path_buf(),
                        path,
                        owner: owner.clone(),
                    });
                }
                (None, _) | (_, None) => "both ends must end in digits, e.g. `DT-700001`",
                (Some((p1, _, d1)), Some((p2, _, d2))) if p1 != p2 || d1 != d2 => {
                    "both ends must have the same prefix and number of digits"
                }
                _ => "`from` must not be after `to`",
            };
            diags.push(
                Diagnostic::error(
                    "bad-range",
                    file,
                    format!("`{from}` to `{to}` is not a range of numbers"),
                )
                .at_path(format!("{path}.to"))
                .with_hint(problem),
            );
            None
        })
        .collect()
}

/// Every pair of overlapping ranges in the trust, as one error each, naming both.
pub(super) fn check_overlaps(ranges: &[&NumberRange], diags: &mut Vec<Diagnostic>) {
    let mut sorted: Vec<&NumberRange> = ranges.to_vec();
    sorted.sort_by(|a, b| (&a.prefix, a.start).cmp(&(&b.prefix, b.start)));
    for (i, a) in sorted.iter().enumerate() {
        for b in sorted[i + 1..]
            .iter()
            .take_while(|b| b.prefix == a.prefix && b.start <= a.end)
        {
            diags.push(
                Diagnostic::error(
                    "overlapping-ranges",
                    &b.file,
                    format!(
                        "reserved numbers {} to {} ({}) overlap {} to {} ({}): two patients could get one number",
                        b.from, b.to, b.owner, a.from, a.to, a.owner
                    ),
                )
                .at_path(format!("{}.from", b.path))
                .with_hint(format!("start this block after {} or move it to unused numbers; {} is in {}", a.to, a.owner, a.file.display())),
            );
        }
    }
}
