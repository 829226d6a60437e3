//! Any text as Markdown: the typesetter never panics, every glyph, box and rule stays on the
//! page inside the side margins, and the PDF writer accepts the result.
#![no_main]

use downtime::pack::Furniture;
use downtime::typeset::page::{Geometry, Item, PAGE_HEIGHT};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if text.len() > 20_000 {
        return;
    }
    let furniture = Furniture {
        title: "fuzz".into(),
        header: "Ward · Hospital".into(),
        author: String::new(),
        version: "1".into(),
        review_due: "never".into(),
        draft: false,
    };
    let doc = downtime::typeset::typeset(text, &furniture);
    let geo = Geometry::a4();
    for page in &doc.pages {
        for item in &page.items {
            let (x0, x1, y0, y1) = match item {
                Item::Text { x, y, size, width, .. } => (*x, x + width, y - size, *y),
                Item::Rect { x, y, w, h, .. } => (*x, x + w, *y, y + h),
                Item::Rule { x1, y1, x2, y2, .. } => (x1.min(*x2), x1.max(*x2), y1.min(*y2), y1.max(*y2)),
            };
            assert!(x0 >= geo.left - 0.01 && x1 <= geo.right + 0.01, "{item:?} outside the margins");
            assert!(y0 >= 0.0 && y1 <= PAGE_HEIGHT, "{item:?} off the page");
        }
    }
    let _ = downtime::typeset::pdf::write(&doc, 0);
});
