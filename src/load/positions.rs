//! Where each value of a YAML file sits: a map from the YAML path the later stages write
//! (`phases.during[2].role`, `contacts[0].routes[1].value`, `lints.no-fallback`) to a line
//! and column, so resolve and lint errors can be printed like parse errors.
//!
//! serde_yaml keeps no positions once a file is deserialized, so the text is read a second
//! time with yaml-rust2's event parser, whose every event carries a [`Marker`]. Only positions
//! come from it; the values still come from serde_yaml. A file it cannot parse gets an empty
//! map (its diagnostics keep their YAML path only): the map never fails a load.

use std::collections::HashMap;
use yaml_rust2::parser::Parser;
use yaml_rust2::scanner::{Marker, TScalarStyle};
use yaml_rust2::Event;

/// A 1-based line and column (in characters), as printed in `file:LINE:COL`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl From<Marker> for Position {
    fn from(mark: Marker) -> Self {
        // yaml-rust2 counts lines from 1 and columns from 0.
        Position {
            line: mark.line(),
            column: mark.col() + 1,
        }
    }
}

/// Every node of one YAML document, by YAML path.
#[derive(Debug, Default, Clone)]
pub struct PositionMap {
    nodes: HashMap<String, Node>,
}

/// Where one node sits: its key (for a mapping value) and where its value starts.
#[derive(Debug, Clone, Copy)]
struct Node {
    key: Option<Position>,
    value: Position,
    /// The value is written out on the key's line (a scalar such as `pacs`), so a mistake in
    /// it is shown there; an absent value (`role:`) or a block below the key is shown at the key.
    value_is_visible: bool,
}

/// A collection being read. `path` is `None` inside a value that has no path (the value of
/// a key that is not a plain string), so nothing inside it is recorded.
enum Frame {
    Mapping { path: Option<String>, key: KeyState },
    Sequence { path: Option<String>, next: usize },
}

/// Inside a mapping, nodes alternate between keys and values.
enum KeyState {
    AwaitingKey,
    /// A key was read; the next node is its value. `None` for a key that is not a plain
    /// string (an alias, or a list used as a key), whose value gets no path.
    Key(Option<String>, Position),
    /// Inside a collection used as a key, `depth` levels down: nothing there has a path.
    ComplexKey {
        depth: usize,
        at: Position,
    },
}

/// What the next node of the document is.
enum Slot {
    Key,
    Value {
        path: Option<String>,
        key: Option<Position>,
    },
}

impl PositionMap {
    /// Map every node of the first document in `text` (without a byte-order mark, as the
    /// loader keeps it). Empty if the text does not parse.
    pub fn build(text: &str) -> PositionMap {
        let mut parser = Parser::new_from_str(text);
        let mut builder = Builder::default();
        loop {
            match parser.next_token() {
                Ok((Event::StreamEnd | Event::DocumentEnd, _)) => return builder.map,
                Ok((event, mark)) => builder.event(event, mark.into()),
                Err(_) => return PositionMap::default(),
            }
        }
    }

    /// Where the mistake at `yaml_path` is shown: the value when it is written out (`pacs`
    /// in `system: pacs`), else the key (`role:` with nothing after it, or a key with a block
    /// below it); for a path the file does not have (a field left out), the nearest
    /// enclosing node that it does have. A top-level field left out has no position: the
    /// first line of the file would say nothing about it.
    pub fn locate(&self, yaml_path: &str) -> Option<Position> {
        let mut path = yaml_path;
        while !path.is_empty() {
            if let Some(node) = self.nodes.get(path) {
                return Some(match node.key {
                    Some(key) if !node.value_is_visible => key,
                    _ => node.value,
                });
            }
            path = parent(path);
        }
        None
    }
}

/// `a.b[2]` for `a.b[2].c`, `a.b` for `a.b[2]`, the root (empty) for `a`.
fn parent(path: &str) -> &str {
    match path.rfind(['.', '[']) {
        Some(at) => &path[..at],
        None => "",
    }
}

/// Reads events one by one, keeping the path of the collection it is in. It keeps its own
/// stack rather than recursing, so deep nesting cannot overflow the call stack.
#[derive(Default)]
struct Builder {
    map: PositionMap,
    stack: Vec<Frame>,
}

impl Builder {
    fn event(&mut self, event: Event, at: Position) {
        if self.skip_complex_key(&event) {
            return;
        }
        let (visible, opens) = match &event {
            Event::Scalar(text, style, ..) => {
                (!text.is_empty() || *style != TScalarStyle::Plain, false)
            }
            Event::Alias(_) => (true, false),
            Event::MappingStart(..) | Event::SequenceStart(..) => (false, true),
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
                return;
            }
            _ => return,
        };
        match self.slot() {
            Slot::Key => {
                self.start_mapping_at_first_key(at);
                self.set_key(match event {
                    Event::Scalar(text, ..) => KeyState::Key(Some(text), at),
                    Event::Alias(_) => KeyState::Key(None, at),
                    _ => KeyState::ComplexKey { depth: 1, at },
                })
            }
            Slot::Value { path, key } => {
                if let Some(path) = &path {
                    let node = Node {
                        key,
                        value: at,
                        value_is_visible: visible,
                    };
                    self.map.nodes.entry(path.clone()).or_insert(node);
                }
                if opens {
                    self.stack.push(match event {
                        Event::MappingStart(..) => Frame::Mapping {
                            path,
                            key: KeyState::AwaitingKey,
                        },
                        _ => Frame::Sequence { path, next: 0 },
                    });
                }
            }
        }
    }

    /// Where the next node goes, advancing the enclosing collection past it.
    fn slot(&mut self) -> Slot {
        match self.stack.last_mut() {
            None => Slot::Value {
                path: Some(String::new()),
                key: None,
            },
            Some(Frame::Sequence { path, next }) => {
                *next += 1;
                Slot::Value {
                    path: path.as_ref().map(|p| format!("{p}[{}]", *next - 1)),
                    key: None,
                }
            }
            Some(Frame::Mapping { path, key }) => {
                match std::mem::replace(key, KeyState::AwaitingKey) {
                    KeyState::Key(name, key_at) => Slot::Value {
                        path: match (path, name) {
                            (Some(p), Some(n)) if p.is_empty() => Some(n),
                            (Some(p), Some(n)) => Some(format!("{p}.{n}")),
                            _ => None,
                        },
                        key: Some(key_at),
                    },
                    _ => Slot::Key,
                }
            }
        }
    }

    /// yaml-rust2 marks a block mapping's start at its first `:`; the mapping (a list entry
    /// such as `- system: pacs`) is shown from its first key instead.
    fn start_mapping_at_first_key(&mut self, key_at: Position) {
        if let Some(Frame::Mapping { path: Some(p), .. }) = self.stack.last() {
            if let Some(node) = self.map.nodes.get_mut(p) {
                node.value = node.value.min(key_at);
            }
        }
    }

    fn set_key(&mut self, state: KeyState) {
        if let Some(Frame::Mapping { key, .. }) = self.stack.last_mut() {
            *key = state;
        }
    }

    /// Swallow the events of a collection used as a mapping key; true if `event` was one.
    fn skip_complex_key(&mut self, event: &Event) -> bool {
        let Some(Frame::Mapping {
            key: KeyState::ComplexKey { depth, at: key_at },
            ..
        }) = self.stack.last_mut()
        else {
            return false;
        };
        match event {
            Event::MappingStart(..) | Event::SequenceStart(..) => *depth += 1,
            Event::MappingEnd | Event::SequenceEnd => *depth -= 1,
            _ => {}
        }
        if *depth == 0 {
            let key_at = *key_at;
            self.set_key(KeyState::Key(None, key_at));
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(map: &PositionMap, path: &str) -> Option<(usize, usize)> {
        map.locate(path).map(|p| (p.line, p.column))
    }

    // Columns are 1-based like the parse errors', and a scalar value is found on its line.
    #[test]
    fn block_paths() {
        let map = PositionMap::build("id: ward-b\nsystems:\n  - system: pacs\n    notes: x\n");
        assert_eq!(at(&map, "id"), Some((1, 5)));
        assert_eq!(at(&map, "systems[0].system"), Some((3, 13)));
        assert_eq!(at(&map, "systems[0].notes"), Some((4, 12)));
        assert_eq!(at(&map, "systems"), Some((2, 1)));
        assert_eq!(at(&map, "systems[0]"), Some((3, 5)));
    }

    // Flow mappings inside a block list point at the value, as block ones do.
    #[test]
    fn flow_paths() {
        let text = "contacts:\n  - id: it\n    routes:\n      - { kind: bleep, value: \"2100\" }\n      - {kind: mobile, value: '07700'}\nroles: [a, b, c]\n";
        let map = PositionMap::build(text);
        assert_eq!(at(&map, "contacts[0].routes[0].kind"), Some((4, 17)));
        assert_eq!(at(&map, "contacts[0].routes[0].value"), Some((4, 31)));
        assert_eq!(at(&map, "contacts[0].routes[1].value"), Some((5, 31)));
        assert_eq!(at(&map, "roles[2]"), Some((6, 15)));
        assert_eq!(at(&map, "contacts[0].routes[0]"), Some((4, 9)));
    }

    // Lists of lists and lists of mappings of lists number their entries separately.
    #[test]
    fn nested_lists() {
        let text = "cascade:\n  - caller: a\n    contacts: [x, y]\n  - caller: b\n    contacts:\n      - p\n      - - q\n        - r\n";
        let map = PositionMap::build(text);
        assert_eq!(at(&map, "cascade[0].contacts[1]"), Some((3, 19)));
        assert_eq!(at(&map, "cascade[1].caller"), Some((4, 13)));
        assert_eq!(at(&map, "cascade[1].contacts[0]"), Some((6, 9)));
        assert_eq!(at(&map, "cascade[1].contacts[1][1]"), Some((8, 11)));
    }

    // CRLF and lone-CR files give the same lines and columns as LF files.
    #[test]
    fn line_endings() {
        for text in [
            "id: x\nphases:\n  during:\n    - role: clerk\n",
            "id: x\r\nphases:\r\n  during:\r\n    - role: clerk\r\n",
            "id: x\rphases:\r  during:\r    - role: clerk\r",
        ] {
            let map = PositionMap::build(text);
            assert_eq!(at(&map, "phases.during[0].role"), Some((4, 13)), "{text:?}");
        }
    }

    // An absent value is shown at its key; a path the file lacks at its nearest ancestor.
    #[test]
    fn absent_values_point_at_the_key() {
        let text = "control:\n  owner:\n  status: draft\nlints:\n  no-fallback: allow\n";
        let map = PositionMap::build(text);
        assert_eq!(at(&map, "control.owner"), Some((2, 3)));
        assert_eq!(at(&map, "control.last_reviewed"), Some((1, 1)));
        assert_eq!(at(&map, "lints.no-fallback"), Some((5, 16)));
        assert_eq!(at(&map, "missing"), None);
    }

    // Columns count characters, not bytes, as the quoted line is shown.
    #[test]
    fn columns_count_characters() {
        let map = PositionMap::build("name: Café ✓\nsite: nörth\n");
        assert_eq!(at(&map, "site"), Some((2, 7)));
        let map = PositionMap::build("{ naïve: é, site: x }");
        assert_eq!(at(&map, "site"), Some((1, 19)));
    }

    // Text that does not parse, odd keys and deep nesting give no positions rather than a panic.
    #[test]
    fn odd_input_never_panics() {
        assert!(PositionMap::build("a: [1, 2\nb: }").nodes.is_empty());
        assert_eq!(at(&PositionMap::build(""), "a"), None);
        let map = PositionMap::build("? [a, b]\n: { c: 1 }\nd: &y 3\ne: *y\n");
        assert_eq!(at(&map, "d"), Some((3, 7)));
        assert_eq!(at(&map, "e"), Some((4, 4)));
        let deep = "[".repeat(50_000) + &"]".repeat(50_000);
        let _ = PositionMap::build(&deep);
    }
}
