//! "What is down?" on a ward's home: for each system the ward uses and each outage scenario
//! that reaches it, one answer a nurse opens: what is lost, what to do on this ward, the
//! forms to print and whom to call without phones. Answers are written as Markdown and
//! turned into HTML as the packs are, so user text is treated exactly as in the packs.

use crate::html;
use crate::load::raw;
use crate::model::{ComponentIx, FormIx, Model, Phase, ScenarioIx, WardIx};
use crate::pack::{self, card, layout, view, PackKind};
use std::path::Path;

/// The "What is down?" section of ward `w`'s home at `here`.
pub fn what_is_down(model: &Model, w: WardIx, here: &Path, has_pdf: bool) -> String {
    let systems: String = (pack::systems_by_priority(model, &[w]).into_iter())
        .filter_map(|c| system_answer(model, w, c, here, has_pdf))
        .collect();
    let outages: String = (0..model.scenarios.len())
        .filter(|&sc| pack::affects_ward(model, sc, w))
        .map(|sc| scenario_answer(model, w, sc, here, has_pdf))
        .collect();
    let outages = match outages.is_empty() {
        true => "<p>No outage scenario reaches this ward.</p>\n".to_string(),
        false => outages,
    };
    format!(
        "<section aria-labelledby=\"down-heading\">\n<h2 id=\"down-heading\">What is down?</h2>\n<p>Open what has failed: what you lose, what to do on this ward, the forms to print and whom to call without phones.</p>\n<h3>One system</h3>\n{systems}<h3>A wider outage</h3>\n{outages}</section>\n"
    )
}

/// One answer, folded so that the list of what can fail fits on a screen.
fn answer(id: &str, summary: &str, markdown: &str) -> String {
    let body = html::convert(markdown, summary, "").body;
    format!(
        "<details id=\"{}\"><summary>{}</summary>\n{body}</details>\n",
        html::escape(id),
        html::escape(summary)
    )
}

/// "PACS is down", for ward `w`: what is lost, the ward's fallback steps, forms, contacts.
fn system_answer(
    model: &Model,
    w: WardIx,
    c: ComponentIx,
    here: &Path,
    has_pdf: bool,
) -> Option<String> {
    let comp = &model.components[c];
    let info = comp.system()?;
    let ward = &model.wards[w];
    let lens = view::Lens::general(model, Some(w), ward.site);
    let fallbacks = ward_fallbacks(model, &[c]);
    let mut md = format!("**What you lose:** {}\n\n", info.impact);
    if let Some(used) = ward
        .systems
        .iter()
        .find(|u| u.system == c && !u.notes.is_empty())
    {
        md.push_str(&format!("**On {}:** {}\n\n", ward.name, used.notes));
    }
    md.push_str("**What to do on this ward:**\n\n");
    if fallbacks.is_empty() {
        md.push_str("No paper procedure is written for this system yet: do the first 15 minutes of your pack and tell the nurse in charge.\n\n");
    }
    for &p in &fallbacks {
        md.push_str(&steps(&lens, p));
    }
    let section = html::slug(&format!("{} is down", comp.name));
    md.push_str(&format!(
        "[Read \"{} is down\" in your pack]({}#{section})\n\n",
        comp.name,
        layout::relative(
            here,
            &layout::viewer_page(&layout::path(model, PackKind::Ward(w)))
        )
    ));
    let mut out = md;
    out.push_str(&forms_markdown(
        model,
        w,
        &card::forms_used(model, &fallbacks),
        here,
        has_pdf,
    ));
    out.push_str(&contacts_markdown(&lens, w));
    let summary = format!("{} is down", comp.name);
    Some(answer(&format!("system-{}", comp.id), &summary, &out))
}

/// An outage scenario, for ward `w`: what it takes down of the ward's systems, what to do,
/// the forms of those systems' fallbacks, and the contacts that can still be reached.
fn scenario_answer(model: &Model, w: WardIx, sc: ScenarioIx, here: &Path, has_pdf: bool) -> String {
    let scenario = &model.scenarios[sc];
    let lens = view::Lens::scenario(model, sc, Some(w), model.wards[w].site);
    let lost: Vec<ComponentIx> = (pack::systems_by_priority(model, &[w]).into_iter())
        .filter(|&c| scenario.radius.is_lost(c))
        .collect();
    let names: Vec<&str> = lost
        .iter()
        .map(|&c| model.components[c].name.as_str())
        .collect();
    let mut md = format!("{}\n\n", scenario.description);
    md.push_str(&match names.is_empty() {
        true => "**What is down:** none of the systems this ward uses.\n\n".to_string(),
        false => format!("**What is down:** {}.\n\n", names.join("; ")),
    });
    md.push_str("**What to do on this ward:**\n\n");
    for line in &scenario.instructions {
        md.push_str(&format!("- {line}\n"));
    }
    md.push_str(&format!(
        "\nEvery step for this ward in this outage, in order: [{}: {}]({})\n\n",
        model.wards[w].name,
        scenario.name,
        layout::relative(
            here,
            &layout::viewer_page(&layout::path(model, PackKind::ScenarioWard(sc, w)))
        )
    ));
    let fallbacks = ward_fallbacks(model, &lost);
    if !fallbacks.is_empty() {
        let titles: Vec<&str> = (fallbacks.iter())
            .map(|&p| model.procedures[p].title.as_str())
            .collect();
        md.push_str(&format!(
            "**Paper procedures in use:** {}.\n\n",
            titles.join("; ")
        ));
    }
    let forms = card::forms_used(model, &fallbacks);
    md.push_str(&forms_markdown(model, w, &forms, here, has_pdf));
    md.push_str(&contacts_markdown(&lens, w));
    answer(&format!("scenario-{}", scenario.id), &scenario.name, &md)
}

/// The ward-level fallback procedures of `systems`, each once, in the systems' order.
fn ward_fallbacks(model: &Model, systems: &[ComponentIx]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for &c in systems {
        for &p in &model.components[c].fallbacks {
            if model.procedures[p].scope == raw::Scope::Ward && !out.contains(&p) {
                out.push(p);
            }
        }
    }
    out
}

/// What to do while a system is down, from declaring to recovery: the countdown to a
/// planned downtime and the routine tasks are for another time, and stay in the pack.
const WHILE_DOWN: [Phase; 3] = [Phase::Declare, Phase::During, Phase::Recovery];

/// Procedure `p`'s steps while down, by phase, as numbered lists.
fn steps(lens: &view::Lens, p: usize) -> String {
    let procedure = &lens.model.procedures[p];
    let mut md = format!("*{}*", procedure.title);
    if !procedure.summary.is_empty() {
        md.push_str(&format!(": {}", procedure.summary));
    }
    md.push_str("\n\n");
    for phase in WHILE_DOWN {
        let shown = procedure
            .steps(phase)
            .iter()
            .map(|s| (s, procedure.title.as_str()));
        for group in view::groups(lens, phase, shown) {
            md.push_str(&format!("{}:\n\n", group.title));
            for (n, step) in group.steps.iter().enumerate() {
                md.push_str(&format!("{}. {}\n", n + 1, step_line(step)));
            }
            md.push('\n');
        }
    }
    md
}

/// One step: when, who, in which situation, what.
fn step_line(step: &view::StepView) -> String {
    let mut line = String::new();
    if !step.timing.is_empty() {
        line.push_str(&format!("**{}.** ", step.timing));
    }
    line.push_str(&format!("**{}:** ", step.role));
    if !step.condition.is_empty() {
        line.push_str(&format!("*{}:* ", step.condition));
    }
    line.push_str(&step.action);
    line
}

/// Where ward `w`'s blank form `f` is, as a link from `here` (it is printed with the PDFs).
fn form_pdf(model: &Model, w: WardIx, f: FormIx, here: &Path) -> String {
    let pack = layout::path(model, PackKind::Ward(w));
    layout::relative(
        here,
        &layout::ward_form(&pack, &model.forms[f].id).with_extension("pdf"),
    )
}

/// "Forms to print", each opening its blank PDF (or named, when no PDFs were built).
fn forms_markdown(
    model: &Model,
    w: WardIx,
    forms: &[FormIx],
    here: &Path,
    has_pdf: bool,
) -> String {
    if forms.is_empty() {
        return "**Forms to print:** none for this.\n\n".to_string();
    }
    let names: Vec<String> = (forms.iter())
        .map(|&f| match has_pdf {
            true => format!(
                "[{}]({})",
                model.forms[f].title,
                form_pdf(model, w, f, here)
            ),
            false => model.forms[f].title.clone(),
        })
        .collect();
    format!("**Forms to print:** {}\n\n", names.join("; "))
}

/// A ward's blank forms as a list, each opening its PDF to print.
pub fn form_list(model: &Model, w: WardIx, forms: &[FormIx], here: &Path, has_pdf: bool) -> String {
    if forms.is_empty() {
        return "<p>This ward's procedures use no blank forms.</p>\n".to_string();
    }
    let mut out = String::from("<ul>");
    for &f in forms {
        let form = &model.forms[f];
        let name = match has_pdf {
            true => format!(
                "<a href=\"{}\">{}</a>",
                html::escape(&form_pdf(model, w, f, here)),
                html::escape(&form.title)
            ),
            false => html::escape(&form.title),
        };
        out.push_str(&format!("<li>{name}: {}</li>", html::escape(&form.purpose)));
    }
    out.push_str("</ul>\n");
    out
}

/// "Who to call without phones": the ward's, site's and trust's contacts by the routes that
/// need no phone system (and, in an outage, still work).
fn contacts_markdown(lens: &view::Lens, w: WardIx) -> String {
    let model = lens.model;
    let site = &model.sites[model.wards[w].site];
    let mut lines = String::new();
    for &c in (model.wards[w].contacts.iter())
        .chain(&site.contacts)
        .chain(&model.trust.contacts)
    {
        let contact = view::contact(lens, c);
        let routes: Vec<String> = (contact.routes.iter())
            .filter(|r| r.without_phones && !r.down)
            .map(|r| format!("{} {}", r.label, r.value))
            .collect();
        if routes.is_empty() {
            continue;
        }
        let role = match contact.role.is_empty() {
            true => String::new(),
            false => format!(" ({})", contact.role),
        };
        lines.push_str(&format!(
            "- **{}**{role}: {}\n",
            contact.name,
            routes.join(", ")
        ));
    }
    match lines.is_empty() {
        true => format!(
            "**Who to call without phones:** no contact can be reached without phones: send a runner to the site command post ({}).\n\n",
            site.command_post
        ),
        false => format!("**Who to call without phones:**\n\n{lines}\n"),
    }
}
