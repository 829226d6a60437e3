//! `downtime init`: a new trust's procedures repository that checks and builds at once.

use downtime::error::Error;
use downtime::load::Kind as FileKind;
use downtime::write::write_atomic;
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The repository and tag of downtime's GitHub Action, baked in by the release workflow
/// (`DOWNTIME_ACTION=owner/repo@tag`), so a released binary writes a workflow that uses the
/// release it came from. A build from source does not know it: `--action` gives it.
const RELEASED_ACTION: Option<&str> = option_env!("DOWNTIME_ACTION");

/// Start a new trust's procedures repository in DIR: one hospital, one ward, two systems with
/// draft paper fallbacks, an outage scenario, a form, a CI workflow and a README for its
/// maintainers. It passes `downtime check` (with a warning for each draft) and builds at once.
///
/// Without --name or --code, asks for them when standard input is a terminal.
#[derive(clap::Args)]
pub struct Args {
    /// Folder to create the repository in: new or empty.
    dir: PathBuf,
    /// The trust's name, as printed on every pack.
    #[arg(long, value_name = "NAME")]
    name: Option<String>,
    /// The trust's organisation (ODS) code, such as RKV.
    #[arg(long, value_name = "CODE")]
    code: Option<String>,
    /// The GitHub Action the CI workflow uses, as OWNER/REPO@TAG (the repository downtime is
    /// released from). Default: the release this binary came from.
    #[arg(long, value_name = "OWNER/REPO@TAG")]
    action: Option<String>,
}

/// What the starter files are filled with: only what the flags gave, and the date.
#[derive(serde::Serialize)]
struct Fill {
    /// The trust's name as printed (in the README).
    name: String,
    /// The name as a YAML double-quoted string, so any punctuation in it stays text.
    name_yaml: String,
    code: String,
    /// The edition date and review dates: SOURCE_DATE_EPOCH's day, else today.
    date: String,
    action: String,
    /// `owner/repo` of the action, for the README's link to downtime.
    action_repository: String,
}

/// Each starter file: its path in the new repository and its template (in `templates/init/`).
fn starter_files() -> Vec<(PathBuf, &'static str)> {
    let procedures = Path::new("procedures");
    let yaml = |kind: FileKind, id: &str| procedures.join(kind.folder()).join(format!("{id}.yaml"));
    vec![
        (
            procedures.join("trust.yaml"),
            include_str!("../../templates/init/trust.yaml"),
        ),
        (
            yaml(FileKind::Site, "main-hospital"),
            include_str!("../../templates/init/site.yaml"),
        ),
        (
            yaml(FileKind::Ward, "ward-1"),
            include_str!("../../templates/init/ward.yaml"),
        ),
        (
            yaml(FileKind::Infrastructure, "core-network"),
            include_str!("../../templates/init/core-network.yaml"),
        ),
        (
            yaml(FileKind::Infrastructure, "downtime-pcs"),
            include_str!("../../templates/init/downtime-pcs.yaml"),
        ),
        (
            yaml(FileKind::System, "epr"),
            include_str!("../../templates/init/epr.yaml"),
        ),
        (
            yaml(FileKind::System, "results"),
            include_str!("../../templates/init/results.yaml"),
        ),
        (
            yaml(FileKind::Procedure, "epr-downtime"),
            include_str!("../../templates/init/epr-downtime.yaml"),
        ),
        (
            yaml(FileKind::Procedure, "results-downtime"),
            include_str!("../../templates/init/results-downtime.yaml"),
        ),
        (
            yaml(FileKind::Scenario, "network-outage"),
            include_str!("../../templates/init/network-outage.yaml"),
        ),
        (
            yaml(FileKind::Form, "patient-tracking-list"),
            include_str!("../../templates/init/patient-tracking-list.yaml"),
        ),
        (
            PathBuf::from(".gitignore"),
            include_str!("../../templates/init/gitignore"),
        ),
        (
            Path::new(".github/workflows").join("downtime.yml"),
            include_str!("../../templates/init/downtime.yml"),
        ),
        (
            PathBuf::from("README.md"),
            include_str!("../../templates/init/README.md"),
        ),
    ]
}

pub fn run(args: Args) -> Result<ExitCode, Error> {
    refuse_non_empty(&args.dir)?;
    refuse_missing_flags(&args)?;
    let name = answer(args.name, "--name", "Trust name", check_name)?;
    let code = answer(args.code, "--code", "Trust code (ODS)", check_code)?;
    let action = match args.action.or(RELEASED_ACTION.map(str::to_string)) {
        Some(action) => {
            check_action(action.trim()).map_err(|e| Error::Usage(format!("--action: {e}")))?
        }
        None => answer(
            None,
            "--action",
            "GitHub Action to use in CI (OWNER/REPO@TAG of downtime's releases)",
            check_action,
        )?,
    };
    let fill = Fill {
        name_yaml: serde_json::to_string(&name).expect("a string serializes"),
        name,
        code,
        date: super::today().to_string(),
        action_repository: action.split('@').next().unwrap_or_default().to_string(),
        action,
    };
    let context = tera::Context::from_serialize(&fill).expect("the fill serializes");
    let mut tera = tera::Tera::default();
    for (path, template) in starter_files() {
        let text = tera
            .render_str(template, &context)
            .expect("built-in starter files render");
        write_atomic(&args.dir.join(path), text.as_bytes())?;
    }
    // The starter files' first lines point editors at these, as does the register.
    super::schema::write(&args.dir.join("schemas"))?;
    let procedures = args.dir.join("procedures");
    eprintln!(
        "created a new trust in {dir}; next:\n  downtime check --procedures {p}\n  downtime build --procedures {p} --out {o}\nthen read {dir}/README.md",
        dir = args.dir.display(),
        p = procedures.display(),
        o = args.dir.join("output").display(),
    );
    Ok(ExitCode::SUCCESS)
}

/// Without a terminal to ask on, say every missing flag at once, not one per run.
fn refuse_missing_flags(args: &Args) -> Result<(), Error> {
    let missing: Vec<&str> = [
        ("--name", args.name.is_none()),
        ("--code", args.code.is_none()),
        (
            "--action",
            args.action.is_none() && RELEASED_ACTION.is_none(),
        ),
    ]
    .into_iter()
    .filter_map(|(flag, absent)| absent.then_some(flag))
    .collect();
    if missing.is_empty() || std::io::stdin().is_terminal() {
        return Ok(());
    }
    let message = format!(
        "{} {} required when standard input is not a terminal",
        missing.join(", "),
        if missing.len() == 1 { "is" } else { "are" }
    );
    if !missing.contains(&"--action") {
        return Err(Error::Usage(message));
    }
    // A binary built from source cannot know where its releases live; say what to give.
    Err(Error::UsageHint {
        message,
        hint: "--action is the GitHub repository and release tag you install downtime from, as OWNER/REPO@TAG (see its releases page); a released binary knows it, one built from source does not".into(),
    })
}

/// The new repository goes into a new or empty folder: never over someone's files. A fresh
/// clone of an empty repository (only `.git`) counts as empty: that is how GitHub starts one.
fn refuse_non_empty(dir: &Path) -> Result<(), Error> {
    match std::fs::read_dir(dir) {
        Ok(entries) => {
            let mut entries =
                entries.filter(|e| e.as_ref().map_or(true, |e| e.file_name() != ".git"));
            if entries.next().is_some() {
                return Err(Error::Refused(format!(
                    "{} is not empty; choose a new or empty folder",
                    dir.display()
                )));
            }
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(dir, "cannot read folder", e)),
    }
}

/// A flag's value, or the answer to a question when standard input is a terminal; without
/// either, a usage error naming the flag (a script must not hang waiting for input).
fn answer(
    given: Option<String>,
    flag: &str,
    question: &str,
    check: fn(&str) -> Result<String, String>,
) -> Result<String, Error> {
    if let Some(value) = given {
        return check(value.trim()).map_err(|e| Error::Usage(format!("{flag}: {e}")));
    }
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Err(Error::Usage(format!(
            "{flag} is required when standard input is not a terminal"
        )));
    }
    loop {
        eprint!("{question}: ");
        std::io::stderr().flush().ok();
        let mut line = String::new();
        let read = stdin
            .lock()
            .read_line(&mut line)
            .map_err(|e| Error::Usage(format!("cannot read {flag} from the terminal: {e}")))?;
        if read == 0 {
            return Err(Error::Usage(format!("{flag} is required")));
        }
        match check(line.trim()) {
            Ok(value) => return Ok(value),
            Err(e) => eprintln!("{e}"),
        }
    }
}

/// A trust name prints on every page: one line of ordinary text.
fn check_name(name: &str) -> Result<String, String> {
    if name.is_empty() {
        return Err("the trust's name cannot be empty".into());
    }
    if name.chars().count() > 200 {
        return Err("the trust's name is longer than 200 characters".into());
    }
    if let Some(c) = name.chars().find(|c| c.is_control()) {
        return Err(format!(
            "the trust's name contains the control character U+{:04X}",
            c as u32
        ));
    }
    Ok(name.to_string())
}

/// An ODS organisation code: letters and digits, such as RKV or R1H.
fn check_code(typed: &str) -> Result<String, String> {
    // Organisation codes are capitals; `rkv` typed at a prompt means RKV.
    let code = typed.to_ascii_uppercase();
    let ok = (2..=10).contains(&code.len())
        && code
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if ok {
        Ok(code)
    } else {
        // Quote what was typed, not our capitalised copy of it.
        Err(format!(
            "`{typed}` is not an organisation code: use 2 to 10 capital letters and digits, such as RKV"
        ))
    }
}

/// A GitHub Action reference, `owner/repo@tag` (or `owner/repo/path@tag`), as `uses:` takes it.
fn check_action(action: &str) -> Result<String, String> {
    let valid_part = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    };
    let ok = match action.split_once('@') {
        Some((path, tag)) => {
            let parts: Vec<&str> = path.split('/').collect();
            parts.len() >= 2
                && parts.iter().all(|p| valid_part(p))
                && tag.split('/').all(valid_part)
        }
        None => false,
    };
    if ok {
        Ok(action.to_string())
    } else {
        Err(format!(
            "`{action}` is not a GitHub Action reference: use OWNER/REPO@TAG, such as the repository and release you install downtime from"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The values written into YAML and the workflow are checked before anything is written.
    #[test]
    fn flags_are_checked() {
        assert!(check_code("RKV").is_ok());
        assert_eq!(check_code("rkv"), Ok("RKV".to_string()));
        assert!(check_code("r-kv").is_err());
        assert!(check_code("R K").is_err());
        assert!(check_name("Kestrel: \"Valley\" # Trust").is_ok());
        assert!(check_name("Two\nlines").is_err());
        assert!(check_action("nhs-org/downtime@v1.2.0").is_ok());
        assert!(check_action("nhs-org/downtime").is_err());
        assert!(check_action("downtime@v1").is_err());
        assert!(check_action("a/b@v1; rm -rf /").is_err());
    }
}
