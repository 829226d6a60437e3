//! What `issue`, `reprint` and `walk-round` share: the trust, its register and what each pack
//! prints today.

use downtime::diagnostic::{did_you_mean, Diagnostic};
use downtime::error::Error;
use downtime::model::SiteIx;
use downtime::project::Project;
use downtime::register::copies::{self, Copy};
use downtime::register::{self, Register};
use downtime::render::Renderer;
use std::path::Path;

pub struct State {
    pub project: Project,
    pub register: Register,
    pub copies: Vec<Copy>,
}

impl State {
    /// Load the trust and the register (`register`, or the one beside `procedures`), and
    /// render every pack in memory for its code.
    pub fn load(procedures: &Path, register: Option<&Path>) -> Result<State, Error> {
        let project = Project::load(procedures)?;
        super::print_diagnostics(&project.warnings);
        let file = register
            .map(Path::to_path_buf)
            .unwrap_or_else(|| register::default_path(procedures));
        let register = Register::load(&file).map_err(|d| Error::Invalid(vec![*d]))?;
        let renderer = Renderer::new(None).map_err(Error::Invalid)?;
        let copies = copies::all(&project.model, &renderer)?;
        Ok(State {
            project,
            register,
            copies,
        })
    }
}

impl State {
    /// The site called `id`, or one error naming the file it should be in, with the nearest id.
    pub fn site(&self, procedures: &Path, id: &str) -> Result<SiteIx, Error> {
        let sites = &self.project.model.sites;
        if let Some(s) = sites.iter().position(|x| x.id == id) {
            return Ok(s);
        }
        let hint = match did_you_mean(id, sites.iter().map(|x| x.id.as_str())) {
            Some(near) => format!("did you mean `{near}`?"),
            None => "sites are the files in procedures/sites/".to_string(),
        };
        Err(Error::Invalid(vec![Diagnostic::error(
            "usage",
            &procedures.join("sites"),
            format!("no site is called `{id}`"),
        )
        .with_hint(hint)]))
    }
}
