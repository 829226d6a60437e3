//! Which lists a snapshot prints and what each shows: one tracking list per mapped ward, one
//! clinic list per mapped clinic, the trust-wide ring-round list and the unplaced list.

use super::census::{Census, Inpatient};
use super::clinics::{Booking, Clinics};
use super::export::Export;
use super::notice::{
    allergy_notice, missing_notices, CHECK_ALLERGIES, CHECK_BEDS, CHECK_DIARIES, CHECK_DIARY,
};
use super::print::{Job, Kind};
use super::tracking::{tracking_list, Tracking};
use crate::diagnostic::Diagnostic;
use crate::load::raw::WardKind;
use crate::model::{Model, WardIx};
use crate::pack::Furniture;
use crate::typeset::Footer;
use serde::Serialize;

/// Facts every list prints.
pub struct Facts<'a> {
    pub model: &'a Model,
    /// "in the 3 days from ...".
    pub window: String,
    /// When the data stops being fit to act on.
    pub replace_by: String,
}

/// Problems listed on the unplaced page; the rest are counted.
const MAX_PROBLEMS_PRINTED: usize = 300;

/// Every list, in the order they are written and reported.
pub fn jobs<'a>(
    facts: &'a Facts<'a>,
    census: &'a Census,
    clinics: &'a Clinics,
    export: &Export,
    problems: &[Diagnostic],
) -> Vec<Job<'a>> {
    let model = facts.model;
    let (admissions, appointments) = missing_notices(export, clinics);
    let allergies = allergy_notice(export);
    let mut jobs = Vec::new();
    for (w, ward) in model.wards.iter().enumerate() {
        if ward.fhir_location.is_empty() {
            continue;
        }
        if ward.kind == WardKind::Outpatient {
            let rows = clinics.clinics.get(&w).map_or(&[][..], Vec::as_slice);
            let may_be_missing = !appointments.is_empty();
            let job = clinic(facts, w, rows, may_be_missing);
            jobs.push(job.with_notice(&appointments, CHECK_DIARY));
        } else {
            let rows = census.wards.get(&w).map_or(&[][..], Vec::as_slice);
            let job = ward_list(
                facts,
                w,
                rows,
                census.unplaced.len(),
                !admissions.is_empty(),
            );
            let job = job.with_notice(&admissions, CHECK_BEDS);
            jobs.push(job.with_notice(&allergies, CHECK_ALLERGIES));
        }
    }
    let contacts = contacts(facts, clinics, !appointments.is_empty());
    jobs.push(contacts.with_notice(&appointments, CHECK_DIARIES));
    let unplaced = unplaced(facts, census, clinics, export, problems);
    jobs.push(unplaced.with_notice(&allergies, CHECK_ALLERGIES));
    jobs
}

/// A list of `kind` called `title`, for `whose` use: the header says whose it is and that it
/// is confidential; the footer names the list and when to replace it (a loose page must say
/// which list it belongs to, and a list is no controlled document with a version or code).
fn job<'a>(
    facts: &Facts,
    kind: Kind,
    (file, template): (String, &'static str),
    (title, whose): (String, &str),
    context: Box<dyn crate::pack::Data + 'a>,
) -> Job<'a> {
    let footer = Footer {
        control: format!("{title} · Replace by {}", facts.replace_by),
        note: "CONFIDENTIAL: shred when replaced or when the EPR is back, never the ordinary bin"
            .to_string(),
        code: String::new(),
    };
    let header = format!("{whose} · CONFIDENTIAL: patient data, shred after use");
    Job {
        file,
        kind,
        template,
        furniture: Furniture {
            review_due: facts.replace_by.clone(),
            ..Furniture::trust_wide(facts.model, title, header)
        },
        footer,
        context,
        notice: Vec::new(),
    }
}

#[derive(Serialize)]
struct WardList<'a> {
    trust: &'a str,
    site: &'a str,
    ward: &'a str,
    count: usize,
    unplaced: usize,
    /// A record that could place a patient here was unreadable: the count may be short.
    may_be_missing: bool,
    list: Tracking,
}

fn ward_list<'a>(
    facts: &'a Facts<'a>,
    w: WardIx,
    rows: &'a [Inpatient],
    unplaced: usize,
    may_be_missing: bool,
) -> Job<'a> {
    let model = facts.model;
    let ward = &model.wards[w];
    let context = WardList {
        trust: &model.trust.name,
        site: &model.sites[ward.site].name,
        ward: &ward.name,
        count: rows.len(),
        unplaced,
        may_be_missing,
        list: tracking_list(model, w, rows),
    };
    job(
        facts,
        Kind::Ward,
        (format!("ward-{}.pdf", ward.id), "snapshot-ward.md"),
        (format!("Patient list: {}", ward.name), &ward.name),
        Box::new(context),
    )
}

#[derive(Serialize)]
struct Day<'a> {
    heading: String,
    rows: &'a [Booking],
}

#[derive(Serialize)]
struct ClinicList<'a> {
    trust: &'a str,
    site: &'a str,
    clinic: &'a str,
    window: &'a str,
    count: usize,
    /// A record that could put an appointment here was unreadable: the count may be short.
    may_be_missing: bool,
    /// The clinic runs on paper while systems are down (`cancel_if_down: false`): its
    /// appointments stand, so it is no ring-round list.
    runs_on_paper: bool,
    days: Vec<Day<'a>>,
}

fn clinic<'a>(
    facts: &'a Facts<'a>,
    w: WardIx,
    rows: &'a [Booking],
    may_be_missing: bool,
) -> Job<'a> {
    let model = facts.model;
    let ward = &model.wards[w];
    let context = ClinicList {
        trust: &model.trust.name,
        site: &model.sites[ward.site].name,
        clinic: &ward.name,
        window: &facts.window,
        count: rows.len(),
        may_be_missing,
        runs_on_paper: !ward.cancel_if_down,
        days: by_day(rows),
    };
    job(
        facts,
        Kind::Clinic,
        (format!("clinic-{}.pdf", ward.id), "snapshot-clinic.md"),
        (format!("Clinic list: {}", ward.name), &ward.name),
        Box::new(context),
    )
}

/// `rows` (in time order) cut where the day changes.
fn by_day(rows: &[Booking]) -> Vec<Day<'_>> {
    rows.chunk_by(|a, b| a.start.date_naive() == b.start.date_naive())
        .map(|day| Day {
            heading: day[0].start.format("%A %-d %B %Y").to_string(),
            rows: day,
        })
        .collect()
}

#[derive(Serialize)]
struct ClinicRows<'a> {
    name: &'a str,
    site: &'a str,
    rows: &'a [Booking],
}

#[derive(Serialize)]
struct Contacts<'a> {
    trust: &'a str,
    window: &'a str,
    count: usize,
    unplaced: usize,
    clinics: Vec<ClinicRows<'a>>,
    /// Mapped clinics that are cancelled while systems are down, so rung round.
    rung_round: usize,
    /// Mapped clinics left off because they run on paper while systems are down.
    on_paper: Vec<&'a str>,
    /// A record that could put an appointment here was unreadable: the count may be short.
    may_be_missing: bool,
}

fn contacts<'a>(facts: &'a Facts<'a>, clinics: &'a Clinics, may_be_missing: bool) -> Job<'a> {
    let model = facts.model;
    // Only clinics cancelled while systems are down are rung round.
    let mut by_clinic: Vec<ClinicRows> = (clinics.clinics.iter())
        .filter(|(&w, _)| model.wards[w].cancel_if_down)
        .map(|(&w, rows)| ClinicRows {
            name: &model.wards[w].name,
            site: &model.sites[model.wards[w].site].name,
            rows,
        })
        .collect();
    by_clinic.sort_by(|a, b| a.name.cmp(b.name));
    let mut on_paper: Vec<&str> = (model.wards.iter())
        .filter(|w| w.kind == WardKind::Outpatient && !w.fhir_location.is_empty())
        .filter(|w| !w.cancel_if_down)
        .map(|w| w.name.as_str())
        .collect();
    on_paper.sort();
    let rung_round = (model.wards.iter())
        .filter(|w| w.kind == WardKind::Outpatient && !w.fhir_location.is_empty())
        .filter(|w| w.cancel_if_down)
        .count();
    let context = Contacts {
        rung_round,
        trust: &model.trust.name,
        window: &facts.window,
        count: by_clinic.iter().map(|c| c.rows.len()).sum(),
        unplaced: clinics.unplaced.len(),
        clinics: by_clinic,
        on_paper,
        may_be_missing,
    };
    job(
        facts,
        Kind::Contacts,
        ("contacts.pdf".to_string(), "snapshot-contacts.md"),
        ("Ring-round contact list".to_string(), "Every clinic"),
        Box::new(context),
    )
}

#[derive(Serialize)]
struct Problem {
    place: String,
    message: String,
}

#[derive(Serialize)]
struct Unplaced<'a> {
    trust: &'a str,
    window: &'a str,
    inpatients: &'a [Inpatient],
    appointments: &'a [Booking],
    lines: usize,
    files: usize,
    problem_count: usize,
    problems: Vec<Problem>,
}

fn unplaced<'a>(
    facts: &'a Facts<'a>,
    census: &'a Census,
    clinics: &'a Clinics,
    export: &Export,
    problems: &[Diagnostic],
) -> Job<'a> {
    let model = facts.model;
    let listed = problems.iter().take(MAX_PROBLEMS_PRINTED).map(|d| Problem {
        place: format!(
            "{}:{}",
            d.file
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default(),
            d.line.unwrap_or(0)
        ),
        message: d.message.clone(),
    });
    let context = Unplaced {
        trust: &model.trust.name,
        window: &facts.window,
        inpatients: &census.unplaced,
        appointments: &clinics.unplaced,
        lines: export.lines,
        files: export.files.len(),
        problem_count: problems.len(),
        problems: listed.collect(),
    };
    job(
        facts,
        Kind::Unplaced,
        ("unplaced.pdf".to_string(), "snapshot-unplaced.md"),
        ("Unplaced patients".to_string(), "Site team"),
        Box::new(context),
    )
}
