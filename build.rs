//! Compiles the thesaurus of government functions (`data/thesaurus.txt`) into sorted static
//! tables, so that a search starts with no parsing: the terms' stem keys, cut by the same
//! tokenizer and stemmer as the duty text (`src/search/text.rs`, included here), sorted for
//! binary search, and each concept's terms and relations as flat arrays of indices.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::{env, fs, path::Path};

#[allow(dead_code)]
#[path = "src/search/text.rs"]
mod text;

const SOURCE: &str = "data/thesaurus.txt";

/// Relation codes as `thesaurus.rs` reads them.
const BROADER: u8 = 1;
const NARROWER: u8 = 2;
const RELATED: u8 = 3;

struct Entry {
    line: usize,
    preferred: String,
    /// The preferred term and its "use for" terms.
    terms: Vec<String>,
    /// (relation code, name of another entry, line)
    links: Vec<(u8, String, usize)>,
}

fn main() {
    println!("cargo::rerun-if-changed={SOURCE}");
    println!("cargo::rerun-if-changed=src/search/text.rs");
    let source = fs::read_to_string(SOURCE).unwrap_or_else(|e| panic!("reading {SOURCE}: {e}"));
    let entries = parse(&source).unwrap_or_else(|e| panic!("{SOURCE}:{e}"));
    let generated = compile(&entries).unwrap_or_else(|e| panic!("{SOURCE}:{e}"));
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("thesaurus.rs");
    fs::write(&out, generated).unwrap_or_else(|e| panic!("writing {}: {e}", out.display()));
}

/// The stem keys of a term's words joined by spaces: "Medical Institutions" → "medical institution".
fn key_of(term: &str) -> String {
    text::phrase_keys(term).join(" ")
}

fn parse(source: &str) -> Result<Vec<Entry>, String> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut open = false;
    for (index, line) in source.lines().enumerate() {
        let number = index + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            open = false;
            continue;
        }
        let tagged = line.get(..4).and_then(|tag| Some((tag.strip_suffix("  ")?, &line[4..])));
        match (open, tagged) {
            (true, Some((tag, rest))) => {
                let entry = entries.last_mut().ok_or(format!("{number}: tag outside an entry"))?;
                let terms = rest.split(';').map(str::trim).filter(|t| !t.is_empty()).map(String::from);
                match tag {
                    "UF" => entry.terms.extend(terms),
                    "BT" => entry.links.extend(terms.map(|t| (BROADER, t, number))),
                    "NT" => entry.links.extend(terms.map(|t| (NARROWER, t, number))),
                    "RT" => entry.links.extend(terms.map(|t| (RELATED, t, number))),
                    "SN" => {}
                    other => {
                        return Err(format!("{number}: unknown tag {other:?}: use UF, BT, NT, RT or SN"));
                    }
                }
            }
            (false, _) => {
                let preferred = line.trim().to_string();
                entries.push(Entry {
                    line: number,
                    terms: vec![preferred.clone()],
                    preferred,
                    links: Vec::new(),
                });
                open = true;
            }
            (true, None) => {
                return Err(format!("{number}: expected a tag (UF, BT, NT, RT or SN and two spaces)"));
            }
        }
    }
    Ok(entries)
}

fn compile(entries: &[Entry]) -> Result<String, String> {
    // Terms by key: the concepts each belongs to (a key may name several concepts).
    let mut terms: BTreeMap<String, Vec<u16>> = BTreeMap::new();
    let mut by_preferred: HashMap<String, u16> = HashMap::new();
    for (c, entry) in entries.iter().enumerate() {
        let c = u16::try_from(c).map_err(|_| "more than 65,535 concepts".to_string())?;
        if by_preferred.insert(entry.preferred.to_lowercase(), c).is_some() {
            return Err(format!("{}: preferred term {:?} is used twice", entry.line, entry.preferred));
        }
        for term in &entry.terms {
            let key = key_of(term);
            if key.is_empty() {
                return Err(format!("{}: term {term:?} has no words", entry.line));
            }
            let concepts = terms.entry(key).or_default();
            if !concepts.contains(&c) {
                concepts.push(c);
            }
        }
    }
    let term_ids: HashMap<&str, u16> =
        terms.keys().enumerate().map(|(i, key)| (key.as_str(), i as u16)).collect();
    // Relations, each stated once in the file and added in both directions.
    let mut relations: Vec<Vec<(u16, u8)>> = vec![Vec::new(); entries.len()];
    for (c, entry) in entries.iter().enumerate() {
        for (relation, name, line) in &entry.links {
            let target = by_preferred
                .get(&name.to_lowercase())
                .copied()
                .or_else(|| terms.get(&key_of(name)).and_then(|cs| cs.first().copied()))
                .ok_or(format!("{line}: {name:?} names no entry"))?;
            let inverse = match *relation {
                BROADER => NARROWER,
                NARROWER => BROADER,
                _ => RELATED,
            };
            for (from, to, relation) in [(c as u16, target, *relation), (target, c as u16, inverse)] {
                if from != to && !relations[from as usize].iter().any(|&(t, _)| t == to) {
                    relations[from as usize].push((to, relation));
                }
            }
        }
    }

    let mut out = String::from("// Generated by build.rs from data/thesaurus.txt: do not edit.\n\n");
    let keys: Vec<&str> = terms.keys().map(String::as_str).collect();
    let max_words = keys.iter().map(|key| key.split(' ').count()).max().unwrap_or(0);
    let _ = writeln!(out, "const BUILT_IN_MAX_WORDS: usize = {max_words};");
    write_strings(&mut out, "TERM", &keys);
    write_lists(
        &mut out,
        "TERM_CONCEPTS",
        "u16",
        terms.values().map(|cs| cs.iter().map(u16::to_string).collect()),
    );
    // One-word terms by length in characters, so correcting a misspelt word looks only at
    // terms of about its length.
    let mut by_length: Vec<Vec<String>> = Vec::new();
    for (id, key) in keys.iter().enumerate().filter(|(_, key)| !key.contains(' ')) {
        let chars = key.chars().count();
        if by_length.len() <= chars {
            by_length.resize(chars + 1, Vec::new());
        }
        by_length[chars].push(id.to_string());
    }
    write_lists(&mut out, "ONE_WORD_TERMS", "u16", by_length.into_iter());
    let preferred: Vec<&str> = entries.iter().map(|e| e.preferred.as_str()).collect();
    write_strings(&mut out, "PREFERRED", &preferred);
    write_lists(
        &mut out,
        "CONCEPT_TERMS",
        "u16",
        entries.iter().map(|e| {
            let mut ids: Vec<u16> = Vec::new();
            for id in e.terms.iter().map(|t| term_ids[key_of(t).as_str()]) {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            ids.iter().map(u16::to_string).collect()
        }),
    );
    write_lists(
        &mut out,
        "CONCEPT_RELATIONS",
        "(u16, u8)",
        relations
            .iter()
            .map(|list| list.iter().map(|(to, relation)| format!("({to}, {relation})")).collect()),
    );
    Ok(out)
}

/// `NAME_TEXT`, the strings joined, and `NAME_STARTS`, where each starts (and the last ends).
fn write_strings(out: &mut String, name: &str, strings: &[&str]) {
    let mut starts = vec![0usize];
    for s in strings {
        starts.push(starts.last().copied().unwrap_or(0) + s.len());
    }
    let _ = writeln!(out, "static {name}_TEXT: &str = {:?};", strings.concat());
    let _ = writeln!(out, "static {name}_STARTS: [u32; {}] = {:?};", starts.len(), starts);
}

/// `NAME`, the lists flattened, and `NAME_STARTS`, where each list starts (and the last ends).
fn write_lists(out: &mut String, name: &str, item: &str, lists: impl Iterator<Item = Vec<String>>) {
    let (mut items, mut starts) = (Vec::new(), vec![0usize]);
    for list in lists {
        items.extend(list);
        starts.push(items.len());
    }
    let _ = writeln!(out, "static {name}: [{item}; {}] = [{}];", items.len(), items.join(", "));
    let _ = writeln!(out, "static {name}_STARTS: [u32; {}] = {:?};", starts.len(), starts);
}
