//! What `issue`, `reprint` and `walk-round` share: the trust, its register and what each pack
//! prints today.

use downtime::error::Error;
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
