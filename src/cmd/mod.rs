//! One module per subcommand, plus the shared way of reporting failure.

pub mod build;
pub mod check;
pub mod copies;
pub mod export;
pub mod graph;
pub mod impact;
pub mod init;
pub mod issue;
pub mod new;
pub mod pdf;
pub mod report;
pub mod reprint;
pub mod schema;
pub mod snapshot;
pub mod walk_round;

use downtime::diagnostic::{escape_control, Diagnostic};
use downtime::error::Error;

/// Now: SOURCE_DATE_EPOCH for reproducible runs, else the clock, in UTC.
pub fn now() -> chrono::DateTime<chrono::FixedOffset> {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0)
        });
    chrono::DateTime::from_timestamp(seconds, 0)
        .unwrap_or_default()
        .fixed_offset()
}

/// The day rules are judged on and copies recorded: the day of [`now`].
pub fn today() -> chrono::NaiveDate {
    now().date_naive()
}

/// Write a command's output to stdout. A reader that stops early (`downtime impact X | head`)
/// closes the pipe: that ends the output quietly instead of panicking as `println!` does.
pub fn print_stdout(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => eprintln!("error: cannot write to standard output: {e}"),
    }
}

/// Print diagnostics to stderr, warnings and errors alike, in their stable order.
pub fn print_diagnostics(diags: &[Diagnostic]) {
    for d in diags {
        eprintln!("{d}");
    }
}

/// Print a failure once, at the top level, with every diagnostic it carries.
pub fn report_error(err: &Error) {
    if let Error::Invalid(diags) = err {
        print_diagnostics(diags);
    }
    if let Error::Stale(files) = err {
        for f in files {
            eprintln!("  {}", escape_control(f));
        }
        eprintln!(
            "hint: run `downtime build`, then commit what changed in the output folder (`git add output`: its Markdown; PDFs and the viewer are ignored)"
        );
    }
    // Paths and ids in the message come from the user; escape them like diagnostics.
    eprintln!("error: {}", escape_control(&err.to_string()));
    if let Error::UsageHint { hint, .. } = err {
        eprintln!("hint: {}", escape_control(hint));
    }
}
