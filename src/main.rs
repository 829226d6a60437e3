//! The `downtime` command line: a thin layer over the library's pipeline.

mod cmd;

use clap::{CommandFactory, FromArgMatches, Subcommand};
use std::process::ExitCode;

// A build makes millions of small short-lived allocations (pack views, lines, PDF operators)
// on every core; glibc's malloc took a quarter of a no-change rebuild in perf. Version 2 of
// mimalloc (Cargo.toml says why): it hands freed memory back sooner.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Printable IT-downtime packs for hospital wards and sites, built from YAML.
///
/// Describe the trust (sites, wards, systems, infrastructure, paper fallback procedures, forms,
/// contacts) as YAML under procedures/, then run `downtime build` to write a Markdown pack per
/// ward and per hospital into output/.
#[derive(clap::Parser)]
#[command(name = "downtime", version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Build(cmd::build::Args),
    Check(cmd::check::Args),
    Pdf(cmd::pdf::Args),
    Impact(cmd::impact::Args),
    Graph(cmd::graph::Args),
    Schema(cmd::schema::Args),
    New(cmd::new::Args),
    Init(cmd::init::Args),
    ExportViewer(cmd::export::Args),
    Issue(cmd::issue::Args),
    Reprint(cmd::reprint::Args),
    Report(cmd::report::Args),
    WalkRound(cmd::walk_round::Args),
    Snapshot(cmd::snapshot::Args),
}

fn main() -> ExitCode {
    // `check --help` lists the governance rules from their registry, so it cannot forget one.
    let command =
        Cli::command().mut_subcommand("check", |c| c.after_long_help(downtime::check::help_text()));
    let cli = match Cli::from_arg_matches(&command.get_matches()) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let result = match cli.command {
        Command::Build(args) => cmd::build::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::Pdf(args) => cmd::pdf::run(args),
        Command::Impact(args) => cmd::impact::run(args),
        Command::Graph(args) => cmd::graph::run(args),
        Command::Schema(args) => cmd::schema::run(args),
        Command::New(args) => cmd::new::run(args),
        Command::Init(args) => cmd::init::run(args),
        Command::ExportViewer(args) => cmd::export::run(args),
        Command::Issue(args) => cmd::issue::run(args),
        Command::Reprint(args) => cmd::reprint::run(args),
        Command::Report(args) => cmd::report::run(args),
        Command::WalkRound(args) => cmd::walk_round::run(args),
        Command::Snapshot(args) => cmd::snapshot::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            cmd::report_error(&err);
            ExitCode::from(err.exit_code())
        }
    }
}
