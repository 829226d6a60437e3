//! `downtime new`: scaffold a valid YAML file with every field explained.

use downtime::error::Error;
use downtime::load::Kind as FileKind;
use downtime::project::Project;
use downtime::write::write_atomic;
use std::path::PathBuf;
use std::process::ExitCode;

/// Create a new ward, system, procedure, form, interface or reference file with every field commented, filled with
/// values that already pass `downtime check`, ready to edit.
#[derive(clap::Args)]
pub struct Args {
    /// What to create.
    #[arg(value_enum)]
    kind: Kind,
    /// Its id: lowercase letters, digits and single hyphens, e.g. `ward-9`.
    id: String,
    /// Folder holding the trust's YAML.
    #[arg(long, value_name = "DIR", default_value = "procedures")]
    procedures: PathBuf,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Kind {
    Ward,
    System,
    Procedure,
    Form,
    Interface,
    Reference,
}

pub fn run(args: Args) -> Result<ExitCode, Error> {
    let id = &args.id;
    if !downtime::model::is_valid_id(id) {
        return Err(Error::Usage(format!(
            "`{id}` is not a valid id: use lowercase letters, digits and single hyphens, e.g. `ward-9`"
        )));
    }
    // Fill references from the trust so the new file passes `check` straight away.
    let project = Project::load(&args.procedures)?;
    let m = &project.model;
    let site = m
        .sites
        .first()
        .map(|s| s.id.as_str())
        .unwrap_or("my-hospital");
    let system = m
        .components
        .iter()
        .find(|c| c.system().is_some() && !c.fallbacks.is_empty())
        .map(|c| c.id.as_str())
        .unwrap_or("epr");
    let infra = m
        .components
        .iter()
        .find(|c| c.system().is_none())
        .map(|c| c.id.as_str());
    let role = m
        .roles
        .first()
        .map(|r| r.id.as_str())
        .unwrap_or("nurse-in-charge");
    let form = m.forms.first().map(|f| f.id.as_str());
    let today = m.trust.edition.date;
    let (folder, text) = match args.kind {
        Kind::Ward => (FileKind::Ward.folder(), format!(
"# A ward or department. Every field is explained; delete the comments you do not need.
id: {id}                    # must match the file name
site: {site}                # the hospital it belongs to (an id from sites/)
name: New ward              # as staff and patients know it, e.g. \"Ward 9 (Respiratory)\"
kind: inpatient             # inpatient | outpatient | emergency | theatres | maternity | critical-care | day-case | community
location: Level 1           # where it is, for runners and visitors
systems:                    # the systems staff use here; each needs a fallback procedure
  - system: {system}
    # notes: ...            # anything only true on this ward (printed in its pack)
kit:                        # the ward's downtime box
  location: Red box at the nurses' station
  checked_by: Ward clerk, monthly
  contents:
    - {{ item: Copy of this downtime pack, quantity: 1 }}
roles: [{role}]             # roles on shift; first-15-minute lists follow this order
contacts: []                # ward contacts, e.g. the ward's emergency mobile (see README)
")),
        Kind::System => (FileKind::System.folder(), format!(
"# A clinical or business system that can fail.
id: {id}
name: New system            # full name, e.g. \"Electronic patient record (EPR)\"
short_name: NEW             # a few letters for table columns
category: Clinical          # free text: records, diagnostics, medicines...
supplier: Supplier name
tier: 3                     # 1 life-critical ... 4 can wait days
max_tolerable_downtime: 8h  # 30m, 4h, 1h30m, 2d
depends_on: [{deps}]        # systems or infrastructure it needs (ids)
signs_of_failure:           # how staff can tell it is down
  - Screens freeze or show an error
impact: What staff lose when it is down.
", deps = infra.unwrap_or(""))),
        Kind::Procedure => (FileKind::Procedure.folder(), format!(
"# A paper fallback procedure. It starts as a draft: packs that print it say DRAFT.
id: {id}
title: Working on paper when the system is down
replaces: [{system}]        # systems it replaces; empty = every ward follows it
scope: ward                 # ward (ward packs) | site (hospital pack)
summary: One or two sentences on how the ward works without the system.
control:
  owner: Post accountable for it     # a post, not a person's name
  approver: Group that approves it
  version: \"0.1\"
  status: draft             # draft | approved | retired
  last_reviewed: {today}
  # review_interval_months: 12       # default: the trust's
  # last_tested: {{ date: {today}, outcome: passed }}   # passed | issues-found | failed
phases:
  routine:                  # keeping ready while systems are up (printed on the readiness log)
    - role: {role}
      do: What this role checks routinely so the ward is ready.
      every: 1w             # 1d daily | 1w weekly | 1mo monthly
      # at: \"16:00\"          # time of day, optional
  before:                   # countdown to a planned downtime
    - role: {role}
      do: What to print or tell the team before a planned downtime.
      at: -2h               # how long before the start: -24h, -2h, -15m
  declare:                  # the first 15 minutes
    - role: {role}
      do: What this role does first.
      checklist: []         # tick boxes under the step
      forms: [{form}]       # form ids from forms/
      relies_on: []         # anything the step needs (ids): check errors if an outage takes it down
      # otherwise: {{ do: What to do instead where relies_on is down., relies_on: [] }}
      # when: {{ down: [], up: [] }}   # only in outages where these are down / still work
  during:                   # while it is down
    - role: {role}
      do: What to keep doing on paper.
      # every: 1h           # how often; without it, once
      # from: 24h           # only once the outage has lasted this long
      escalate:             # when to escalate, and to which role
        - {{ after: 4h, to: {role}, say: What to ask for. }}
  recovery:                 # back-entry, reconciliation, telling patients
    - role: {role}
      do: What to put back into the system.
", form = form.unwrap_or(""))),
        Kind::Form => (FileKind::Form.folder(), format!(
"# A paper form kept in the downtime kits.
id: {id}
title: New form
purpose: What the form is for, in one sentence.
copies: 10                  # blank copies each kit holds
control:
  owner: Post accountable for it
  approver: Group that approves it
  version: \"0.1\"
  status: draft
  last_reviewed: {today}
")),
        Kind::Reference => (FileKind::Reference.folder(), format!(
"# A clinical reference page kept in the downtime box.
id: {id}
title: New reference page
systems: [{system}]          # printed for every ward that uses these systems
wards: []                   # and for these wards, whatever systems they use
control:
  owner: Post accountable for it
  approver: Group that approves it
  version: \"0.1\"
  status: draft
  last_reviewed: {today}
body: |                     # Markdown: headings, lists and tables print as such
  What this page is for, and when to use it.

  # A heading

  | Column | Column |
  |---|---|
  | value | value |
")),
        Kind::Interface => {
            let mut systems = m.components.iter().filter(|c| c.system().is_some()).map(|c| c.id.as_str());
            let from = systems.next().unwrap_or("epr");
            let to = systems.next().unwrap_or("pathology");
            (FileKind::Interface.folder(), format!(
"# A data flow from one system to another.
id: {id}
name: New data flow
from: {from}    # the system that sends
to: {to}        # the system that receives
carries: What flows, as staff would say it (ADT, orders, results, discharge summaries)
when_down: queued           # queued: arrives late when it returns | lost: must be entered again
relies_on: []               # what else it passes through (interface engine, network)
# notes: What staff should know when it returns.   # optional, printed beside it
"))
        }
    };
    let path = args.procedures.join(folder).join(format!("{id}.yaml"));
    if path.exists() {
        return Err(Error::Usage(format!("{} already exists", path.display())));
    }
    write_atomic(&path, text.as_bytes())?;
    eprintln!(
        "created {}; edit it, then run `downtime check`",
        path.display()
    );
    Ok(ExitCode::SUCCESS)
}
