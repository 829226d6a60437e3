//! The one place the Markdown dialect is decided, so the Markdown we write, typeset and show
//! as HTML is always parsed the same way (mdBook's `new_cmark_parser`).

use pulldown_cmark::{Options, Parser};

/// CommonMark plus GFM tables and task lists: what the templates emit.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH
}

pub fn parser(text: &str) -> Parser<'_> {
    Parser::new_ext(text, options())
}

/// The marker templates put where a new printed page must start.
pub const PAGE_BREAK: &str = "<!-- pagebreak -->";
/// The marker templates put where the printed table of contents goes.
pub const TOC: &str = "<!-- toc -->";
