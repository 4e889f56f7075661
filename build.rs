//! Compiles the thesaurus of government functions (`data/thesaurus.txt`) into static tables,
//! so that a search starts with no parsing: the distinct words of its terms as stem keys, cut
//! by the same tokenizer and stemmer as the duty text (`src/search/text/`, included here),
//! sorted; each term as a list of word ids, concept by concept, with a sorted index of them for
//! binary search; each concept's relations as 16-bit links; and, for each word, the concepts
//! whose terms hold it when there are at most two.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::{env, fs, path::Path};

#[allow(dead_code, unused_imports)]
#[path = "src/search/text/mod.rs"]
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
    println!("cargo::rerun-if-changed=src/search/text");
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

/// Word ids fit in 15 bits: the high bit marks a term's last word.
const LAST_WORD: u16 = 0x8000;
/// `WORD_CONCEPTS` holds this many concepts for each word, `NO_CONCEPT` where there are fewer,
/// and `MANY_CONCEPTS` first where there are more.
const WORD_HINTS: usize = 2;
const NO_CONCEPT: u16 = u16::MAX;
const MANY_CONCEPTS: u16 = u16::MAX - 1;

fn compile(entries: &[Entry]) -> Result<String, String> {
    // Each concept's distinct terms as stem keys, the preferred term first.
    let mut concept_terms: Vec<Vec<Vec<String>>> = Vec::new();
    let mut by_preferred: HashMap<String, u16> = HashMap::new();
    let mut by_key: HashMap<String, u16> = HashMap::new();
    for (c, entry) in entries.iter().enumerate() {
        let c = u16::try_from(c).ok().filter(|&c| c < 1 << 14).ok_or("more than 16,383 concepts")?;
        if by_preferred.insert(entry.preferred.to_lowercase(), c).is_some() {
            return Err(format!("{}: preferred term {:?} is used twice", entry.line, entry.preferred));
        }
        let mut terms: Vec<Vec<String>> = Vec::new();
        for term in &entry.terms {
            let keys = text::phrase_keys(term);
            if keys.is_empty() {
                return Err(format!("{}: term {term:?} has no words", entry.line));
            }
            by_key.entry(keys.join(" ")).or_insert(c);
            if !terms.contains(&keys) {
                terms.push(keys);
            }
        }
        concept_terms.push(terms);
    }
    // Words in sorted order, so that comparing terms as lists of word ids compares their words.
    let words: BTreeSet<&str> = concept_terms.iter().flatten().flatten().map(String::as_str).collect();
    let words: Vec<&str> = words.into_iter().collect();
    if words.len() >= usize::from(LAST_WORD) {
        return Err("more than 32,767 distinct words".into());
    }
    let word_ids: HashMap<&str, u16> = words.iter().enumerate().map(|(i, w)| (*w, i as u16)).collect();
    // Every term as word ids in one flat array, concept by concept.
    let (mut flat, mut concept_starts, mut sorted) = (Vec::<u16>::new(), vec![0usize], Vec::new());
    for terms in &concept_terms {
        for term in terms {
            let ids: Vec<u16> = term.iter().map(|w| word_ids[w.as_str()]).collect();
            sorted.push((ids.clone(), flat.len()));
            flat.extend(&ids);
            if let Some(last) = flat.last_mut() {
                *last |= LAST_WORD;
            }
        }
        concept_starts.push(flat.len());
    }
    if flat.len() > usize::from(u16::MAX) {
        return Err("the terms hold more than 65,535 words: widen TERM_OFFSETS".into());
    }
    sorted.sort();
    // Relations, each stated once in the file and added in both directions.
    let mut relations: Vec<Vec<(u16, u8)>> = vec![Vec::new(); entries.len()];
    for (c, entry) in entries.iter().enumerate() {
        for (relation, name, line) in &entry.links {
            let target = by_preferred
                .get(&name.to_lowercase())
                .or_else(|| by_key.get(&key_of(name)))
                .copied()
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
    // One-word terms by length in characters, so correcting a misspelt word looks only at
    // terms of about its length.
    let mut by_length: Vec<BTreeSet<u16>> = Vec::new();
    for (ids, _) in sorted.iter().filter(|(ids, _)| ids.len() == 1) {
        let chars = words[usize::from(ids[0])].chars().count();
        if by_length.len() <= chars {
            by_length.resize(chars + 1, BTreeSet::new());
        }
        by_length[chars].insert(ids[0]);
    }

    let mut out = String::from("// Generated by build.rs from data/thesaurus.txt: do not edit.\n\n");
    let max_words = sorted.iter().map(|(ids, _)| ids.len()).max().unwrap_or(0);
    let _ = writeln!(out, "const BUILT_IN_MAX_WORDS: usize = {max_words};");
    if words.concat().len() > usize::from(u16::MAX) {
        return Err("the words take more than 65,535 bytes: widen WORD_STARTS".into());
    }
    write_strings(&mut out, "WORD", "u16", &words);
    // Where the words of each first byte start, so a lookup searches only those.
    let first_byte_starts =
        (0..=256usize).map(|b| words.partition_point(|w| usize::from(w.as_bytes()[0]) < b));
    write_array(&mut out, "WORD_FIRST_BYTE_STARTS", "u16", first_byte_starts.map(|i| i.to_string()));
    write_array(&mut out, "TERM_WORDS", "u16", flat.iter().map(u16::to_string));
    write_array(&mut out, "TERM_OFFSETS", "u16", sorted.iter().map(|(_, offset)| offset.to_string()));
    write_array(&mut out, "CONCEPT_STARTS", "u16", concept_starts.iter().map(usize::to_string));
    write_lists(
        &mut out,
        "ONE_WORD_TERMS",
        "u16",
        by_length.iter().map(|ids| ids.iter().map(u16::to_string).collect()),
    );
    // And the letters each holds, to rule most of them out before counting typos.
    let masks = by_length.iter().flatten().map(|&id| letter_mask(words[usize::from(id)]).to_string());
    write_array(&mut out, "ONE_WORD_MASKS", "u32", masks);
    // The concepts whose terms hold each word, when at most two do: a word that stands only in
    // terms of one or two concepts ("contagious" in "contagious diseases") hints at them.
    let mut holding: Vec<Vec<u16>> = vec![Vec::new(); words.len()];
    for (c, terms) in concept_terms.iter().enumerate() {
        for word in terms.iter().flatten() {
            let list = &mut holding[usize::from(word_ids[word.as_str()])];
            if !list.contains(&(c as u16)) {
                list.push(c as u16);
            }
        }
    }
    let hints = holding.iter().flat_map(|list| {
        let list = if list.len() <= WORD_HINTS { list.as_slice() } else { &[MANY_CONCEPTS] };
        (0..WORD_HINTS).map(move |i| list.get(i).copied().unwrap_or(NO_CONCEPT).to_string())
    });
    write_array(&mut out, "WORD_CONCEPTS", "u16", hints);
    let preferred: Vec<&str> = entries.iter().map(|e| e.preferred.as_str()).collect();
    write_strings(&mut out, "PREFERRED", "u32", &preferred);
    // A relation is its target concept in the low 14 bits and its code in the high two.
    write_lists(
        &mut out,
        "CONCEPT_RELATIONS",
        "u16",
        relations.iter().map(|list| {
            list.iter().map(|&(to, relation)| (to | u16::from(relation) << 14).to_string()).collect()
        }),
    );
    Ok(out)
}

/// The letters a word holds, one bit each (a to z, and one bit for anything else): the same as
/// `typo::letter_mask`, which a test checks.
fn letter_mask(word: &str) -> u32 {
    word.chars()
        .fold(0, |mask, c| mask | 1 << if c.is_ascii_lowercase() { c as u32 - 'a' as u32 } else { 26 })
}

/// `NAME_TEXT`, the strings joined, and `NAME_STARTS`, where each starts (and the last ends).
fn write_strings(out: &mut String, name: &str, offset: &str, strings: &[&str]) {
    let mut starts = vec![0usize];
    for s in strings {
        starts.push(starts.last().copied().unwrap_or(0) + s.len());
    }
    let _ = writeln!(out, "static {name}_TEXT: &str = {:?};", strings.concat());
    write_array(out, &format!("{name}_STARTS"), offset, starts.iter().map(usize::to_string));
}

/// `NAME`, the lists flattened, and `NAME_STARTS`, where each list starts (and the last ends).
fn write_lists(out: &mut String, name: &str, item: &str, lists: impl Iterator<Item = Vec<String>>) {
    let (mut items, mut starts) = (Vec::new(), vec![0usize]);
    for list in lists {
        items.extend(list);
        starts.push(items.len());
    }
    write_array(out, name, item, items.into_iter());
    write_array(out, &format!("{name}_STARTS"), "u32", starts.iter().map(usize::to_string));
}

fn write_array(out: &mut String, name: &str, item: &str, items: impl Iterator<Item = String>) {
    let items: Vec<String> = items.collect();
    let _ = writeln!(out, "static {name}: [{item}; {}] = [{}];", items.len(), items.join(", "));
}
