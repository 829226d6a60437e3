//! `downtime new`: scaffold a valid YAML file with every field explained.

use downtime::error::Error;
use downtime::load::Kind as FileKind;
use downtime::project::Project;
use downtime::write::write_atomic;
use std::path::PathBuf;
use std::process::ExitCode;

/// Create a new ward, system, procedure, form, interface, reference or exercise file with every
/// field commented, ready to edit. Ids are taken from the trust; every text that is printed starts as
/// `WRITE ME: ...`, which `check` and `build` refuse until it is replaced, so a scaffold's
/// placeholder can never reach a printed pack.
#[derive(clap::Args)]
pub struct Args {
    /// What to create.
    #[arg(value_enum)]
    kind: Kind,
    /// Its id: lowercase letters, digits and single hyphens, e.g. `ward-9`.
    id: String,
    /// The site a new ward belongs to (needed when the trust has more than one).
    #[arg(long, value_name = "SITE")]
    site: Option<String>,
    /// The systems a new procedure replaces (comma-separated; needed for a procedure).
    #[arg(long, value_name = "SYSTEM", value_delimiter = ',')]
    replaces: Vec<String>,
    /// Folder holding the trust's YAML.
    #[arg(long, value_name = "DIR", default_value = "procedures")]
    procedures: PathBuf,
}

/// The folder a new file of `kind` goes in, and its scaffold (a Tera template, in
/// `templates/new/`).
fn scaffold(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Ward => (
            FileKind::Ward.folder(),
            include_str!("../../templates/new/ward.yaml"),
        ),
        Kind::System => (
            FileKind::System.folder(),
            include_str!("../../templates/new/system.yaml"),
        ),
        Kind::Procedure => (
            FileKind::Procedure.folder(),
            include_str!("../../templates/new/procedure.yaml"),
        ),
        Kind::Form => (
            FileKind::Form.folder(),
            include_str!("../../templates/new/form.yaml"),
        ),
        Kind::Interface => (
            FileKind::Interface.folder(),
            include_str!("../../templates/new/interface.yaml"),
        ),
        Kind::Reference => (
            FileKind::Reference.folder(),
            include_str!("../../templates/new/reference.yaml"),
        ),
        Kind::Exercise => (
            FileKind::Exercise.folder(),
            include_str!("../../templates/new/exercise.yaml"),
        ),
    }
}

/// What a scaffold is filled with: ids taken from the trust, so the new file passes `check`
/// straight away.
#[derive(serde::Serialize)]
struct Fill<'a> {
    id: &'a str,
    site: String,
    /// What a new procedure replaces, as a YAML flow list's contents.
    replaces: String,
    system: &'a str,
    /// Infrastructure a new system depends on (empty when the trust has none).
    deps: &'a str,
    role: &'a str,
    /// A form for a new procedure's first step (empty when the trust has none).
    form: &'a str,
    today: String,
    /// Two systems for a new interface.
    from: &'a str,
    to: &'a str,
    /// A scenario for a new exercise (empty when the trust has none).
    scenario: &'a str,
    /// A procedure a new exercise tested (empty when the trust has none).
    procedure: &'a str,
    /// A ward of the same site, to show a new ward's `buddy:` with one of the trust's own.
    buddy: &'a str,
}

impl<'a> Fill<'a> {
    fn from_model(
        m: &'a downtime::model::Model,
        id: &'a str,
        site: String,
        replaces: String,
    ) -> Self {
        let mut systems = m
            .components
            .iter()
            .filter(|c| c.system().is_some())
            .map(|c| c.id.as_str());
        let buddy = (m.wards.iter())
            .find(|w| m.sites[w.site].id == site && w.id != id)
            .or(m.wards.first())
            .map_or("ward-1", |w| w.id.as_str());
        Fill {
            id,
            site,
            replaces,
            system: (m.components.iter())
                .find(|c| c.system().is_some() && !c.fallbacks.is_empty())
                .map_or("epr", |c| c.id.as_str()),
            deps: (m.components.iter())
                .find(|c| c.system().is_none())
                .map_or("", |c| c.id.as_str()),
            role: m.roles.first().map_or("nurse-in-charge", |r| r.id.as_str()),
            form: m.forms.first().map_or("", |f| f.id.as_str()),
            today: m.trust.edition.date.to_string(),
            from: systems.next().unwrap_or("epr"),
            to: systems.next().unwrap_or("pathology"),
            scenario: m.scenarios.first().map_or("", |s| s.id.as_str()),
            procedure: m.procedures.first().map_or("", |p| p.id.as_str()),
            buddy,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Kind {
    Ward,
    System,
    Procedure,
    Form,
    Interface,
    Reference,
    Exercise,
}

pub fn run(args: Args) -> Result<ExitCode, Error> {
    let id = &args.id;
    if !downtime::model::is_valid_id(id) {
        return Err(Error::Usage(format!(
            "`{id}` is not a valid id: use lowercase letters, digits and single hyphens, e.g. `ward-9`"
        )));
    }
    let project = Project::load_with_placeholders(&args.procedures)?;
    let model = &project.model;
    let site = match args.kind {
        Kind::Ward => chosen_site(model, args.site.as_deref())?,
        _ => String::new(),
    };
    let replaces = match args.kind {
        Kind::Procedure => chosen_systems(model, &args.replaces)?,
        _ => String::new(),
    };
    let (folder, template) = scaffold(args.kind);
    let mut tera = tera::Tera::default();
    let context = tera::Context::from_serialize(Fill::from_model(model, id, site, replaces))
        .expect("the fill serializes");
    let text = tera
        .render_str(template, &context)
        .expect("built-in scaffolds render");
    let path = args.procedures.join(folder).join(format!("{id}.yaml"));
    if path.exists() {
        return Err(Error::Usage(format!("{} already exists", path.display())));
    }
    write_atomic(&path, text.as_bytes())?;
    eprintln!(
        "created {}; edit it, then run `downtime check{}`",
        path.display(),
        // The folder given, so the command can be pasted as it is.
        if args.procedures == std::path::Path::new("procedures") {
            String::new()
        } else {
            format!(" --procedures {}", args.procedures.display())
        }
    );
    Ok(ExitCode::SUCCESS)
}

/// The site of a new ward: the one given, or the trust's only site. Never a guess.
fn chosen_site(model: &downtime::model::Model, given: Option<&str>) -> Result<String, Error> {
    let ids: Vec<&str> = model.sites.iter().map(|s| s.id.as_str()).collect();
    match given {
        Some(site) if ids.contains(&site) => Ok(site.to_string()),
        Some(site) => Err(Error::Usage(format!(
            "no site is called `{site}`{}; sites: {}",
            near(site, &ids),
            ids.join(", ")
        ))),
        None if ids.len() == 1 => Ok(ids[0].to_string()),
        None => Err(Error::Usage(format!(
            "which hospital is the ward on? Add --site with one of: {}",
            ids.join(", ")
        ))),
    }
}

/// The systems a new procedure replaces: given by the user, each a known system.
fn chosen_systems(model: &downtime::model::Model, given: &[String]) -> Result<String, Error> {
    let ids: Vec<&str> = (model.components.iter())
        .filter(|c| c.system().is_some())
        .map(|c| c.id.as_str())
        .collect();
    if given.is_empty() {
        return Err(Error::Usage(format!(
            "which system does the procedure replace? Add --replaces with one or more of: {} (or `none` for a procedure every ward follows)",
            ids.join(", ")
        )));
    }
    if given == ["none"] {
        return Ok(String::new());
    }
    for system in given {
        if !ids.contains(&system.as_str()) {
            return Err(Error::Usage(format!(
                "no system is called `{system}`{}; systems: {}",
                near(system, &ids),
                ids.join(", ")
            )));
        }
    }
    Ok(given.join(", "))
}

fn near(word: &str, ids: &[&str]) -> String {
    downtime::diagnostic::did_you_mean(word, ids.iter().copied())
        .map(|n| format!(" (did you mean `{n}`?)"))
        .unwrap_or_default()
}
