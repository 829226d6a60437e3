//! One module per subcommand, plus the shared way of reporting failure.

pub mod build;
pub mod check;
pub mod graph;
pub mod impact;
pub mod new;
pub mod pdf;
pub mod schema;

use downtime::diagnostic::{escape_control, Diagnostic};
use downtime::error::Error;

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
        eprintln!("hint: run `downtime build` and commit the output folder");
    }
    // Paths and ids in the message come from the user; escape them like diagnostics.
    eprintln!("error: {}", escape_control(&err.to_string()));
}
