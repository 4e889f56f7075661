//! Writes a large, deterministic dataset in ncstb's schema to standard output, for the benchmark:
//!
//!     cargo run --release --example gen-dataset -- --agencies 10000 > big.json
//!     cargo run --release --example gen-dataset -- --agencies 10000 --lang zh > big-zh.json
//!
//! With `--queries N` it writes N search queries instead, one a line, made of the same
//! dataset's words (for `search --batch`, benches/bench.sh):
//!
//!     cargo run --release --example gen-dataset -- --agencies 10000 --queries 1000 > queries.txt
//!
//! Each agency gets 6–14 duties recombined from the clauses of the embedded Nanchang duties (or,
//! with `--lang zh`, of the Chinese fixture datasets, numbered 一, 二…), with words from a
//! generated vocabulary mixed in so the text is as varied as real data. The same arguments
//! always give the same bytes (a fixed xorshift generator, no clock, no hashing).

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use ncstb::dataset::Dataset;
use serde_json::json;

/// Duties per agency lie in this range, ten on average.
const MIN_DUTIES: u64 = 6;
const MAX_DUTIES: u64 = 14;
/// Clauses per duty lie in this range.
const MIN_CLAUSES: u64 = 1;
const MAX_CLAUSES: u64 = 3;
/// Distinct generated words mixed into the text.
const VOCABULARY: usize = 20_000;
const SYLLABLES: &[&str] = &[
    "ba", "ce", "di", "fo", "gu", "ha", "je", "ki", "lo", "mu", "na", "pe", "qi", "ro", "su", "ta", "ve",
    "wi", "xo", "yu", "zan", "ling", "shan", "tech", "bio", "agri", "eco", "info", "nano", "geo",
];

/// xorshift64*: small, fast and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.below(high - low + 1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// Han characters that generated Chinese words are made of, two or three to a word.
const HAN: &str =
    "科技创新人才产业服务数字农业生态环境安全卫生健康教育文化旅游交通水利城乡规划市场监管标准质量开放合作";

/// The Chinese fixture datasets, whose clauses the Chinese text is recombined from.
const CHINESE_SOURCES: [&str; 2] = [
    include_str!("../tests/fixtures/judged/hongzhou-city.json"),
    include_str!("../tests/fixtures/judged/beiyuan-city.json"),
];

fn roman(n: u64) -> String {
    ncstb::dataset::numeral::to_roman(n).unwrap_or_else(|| n.to_string())
}

fn chinese(n: u64) -> String {
    ncstb::dataset::numeral::to_chinese(n).unwrap_or_else(|| n.to_string())
}

fn usage() -> ExitCode {
    eprintln!("usage: gen-dataset [--agencies N] [--seed S] [--lang en|zh] [--queries N]");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let (mut agencies, mut seed, mut zh, mut queries) = (10_000u64, 0x5eed_u64, false, None);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next();
        let number = value.as_deref().and_then(|v| v.parse().ok());
        match (arg.as_str(), number, value.as_deref()) {
            ("--agencies", Some(n), _) => agencies = n,
            ("--seed", Some(s), _) => seed = s,
            ("--lang", _, Some(lang @ ("en" | "zh"))) => zh = lang == "zh",
            ("--queries", Some(n), _) => queries = Some(n),
            _ => return usage(),
        }
    }
    let language = if zh { Language::chinese() } else { Language::english() };
    let written = language.and_then(|language| match queries {
        Some(count) => generate_queries(count, seed.max(1), &language),
        None => generate(agencies, seed.max(1), &language),
    });
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("gen-dataset: {err}");
            ExitCode::from(2)
        }
    }
}

/// What the text is made of, in one language.
struct Language {
    clauses: Vec<String>,
    titles: Vec<String>,
    /// The clauses' separator and the duty's last mark.
    separator: &'static str,
    end: &'static str,
    numeral: fn(u64) -> String,
    /// A generated word, and the clause that carries two of them.
    word: fn(&mut Rng) -> String,
    extra: fn(&str, &str) -> String,
    lang: &'static str,
}

impl Language {
    fn english() -> io::Result<Language> {
        let embedded = Dataset::embedded().map_err(io::Error::other)?;
        let duties = &embedded.agencies[0].functions;
        Ok(Language {
            clauses: duties
                .iter()
                .flat_map(|d| d.clauses().map(|c| c.trim_end_matches('.').to_string()))
                .collect(),
            titles: duties.iter().filter_map(|d| d.title.as_deref().map(String::from)).collect(),
            separator: "; ",
            end: ".",
            numeral: roman,
            word: |rng| (0..rng.between(2, 4)).map(|_| *rng.pick(SYLLABLES)).collect(),
            extra: |a, b| format!("support the {a} and {b} programs"),
            lang: "en",
        })
    }

    fn chinese() -> io::Result<Language> {
        let (mut clauses, mut titles) = (Vec::new(), Vec::new());
        for source in CHINESE_SOURCES {
            let dataset = Dataset::from_json(source).map_err(io::Error::other)?;
            for duty in dataset.agencies.iter().flat_map(|a| &a.functions) {
                clauses.extend(duty.clauses().map(|c| c.trim_end_matches('。').to_string()));
                titles.extend(duty.title.as_deref().map(String::from));
            }
        }
        Ok(Language {
            clauses,
            titles,
            separator: "；",
            end: "。",
            numeral: chinese,
            word: |rng| {
                let han: Vec<char> = HAN.chars().collect();
                (0..rng.between(2, 3)).map(|_| *rng.pick(&han)).collect()
            },
            extra: |a, b| format!("支持{a}和{b}项目建设"),
            lang: "zh",
        })
    }
}

/// Queries of one to three words of the dataset made with `seed`: half its common words (the
/// words of the recombined clauses, each in thousands of duties), half its generated words
/// (each in a few dozen); a word in five, of five letters or more, is misspelt (a letter left
/// out, or two swapped). Chinese queries are runs of two to four characters of a clause, or generated words.
fn generate_queries(count: u64, seed: u64, language: &Language) -> io::Result<()> {
    let mut rng = Rng(seed);
    // The dataset's generated words: the same draws as `generate` makes first.
    let generated: Vec<String> = (0..VOCABULARY).map(|_| (language.word)(&mut rng)).collect();
    let mut common: Vec<String> = if language.lang == "zh" {
        Vec::new()
    } else {
        language
            .clauses
            .iter()
            .flat_map(|clause| clause.split(|c: char| !c.is_alphanumeric()))
            .filter(|word| word.chars().count() >= 3)
            .map(str::to_lowercase)
            .collect()
    };
    common.sort();
    common.dedup();
    let clause_chars: Vec<Vec<char>> = language.clauses.iter().map(|c| c.chars().collect()).collect();
    let mut rng = Rng(seed ^ 0x0051_e4e5);
    let out = io::stdout();
    let mut out = BufWriter::new(out.lock());
    for _ in 0..count {
        let words: Vec<String> = (0..rng.between(1, 3))
            .map(|_| {
                let mut word: Vec<char> = match (rng.below(2), common.is_empty()) {
                    (0, false) => rng.pick(&common).chars().collect(),
                    (0, true) => {
                        let clause = rng.pick(&clause_chars);
                        let start = rng.below(clause.len().saturating_sub(4).max(1) as u64) as usize;
                        let end = clause.len().min(start + rng.between(2, 4) as usize);
                        clause[start..end].iter().copied().filter(|c| c.is_alphanumeric()).collect()
                    }
                    _ => rng.pick(&generated).chars().collect(),
                };
                if language.lang != "zh" && word.len() >= 5 && rng.below(5) == 0 {
                    let at = rng.between(1, word.len() as u64 - 2) as usize;
                    if rng.below(2) == 0 {
                        word.remove(at);
                    } else {
                        word.swap(at, at + 1);
                    }
                }
                word.into_iter().collect()
            })
            .collect();
        writeln!(out, "{}", words.join(" "))?;
    }
    out.flush()
}

fn generate(agencies: u64, seed: u64, language: &Language) -> io::Result<()> {
    let mut rng = Rng(seed);
    let words: Vec<String> = (0..VOCABULARY).map(|_| (language.word)(&mut rng)).collect();

    let out = io::stdout();
    let mut out = BufWriter::new(out.lock());
    write!(out, "{{\"schema_version\":1,\"agencies\":[")?;
    for a in 1..=agencies {
        let place = rng.pick(&words).clone();
        let functions: Vec<serde_json::Value> = (1..=rng.between(MIN_DUTIES, MAX_DUTIES))
            .map(|number| {
                let mut parts: Vec<String> = (0..rng.between(MIN_CLAUSES, MAX_CLAUSES))
                    .map(|_| rng.pick(&language.clauses).clone())
                    .collect();
                let (first, second) = (rng.pick(&words).clone(), rng.pick(&words).clone());
                parts.push((language.extra)(&first, &second));
                json!({
                    "number": number,
                    "numeral": (language.numeral)(number),
                    "title": rng.pick(&language.titles),
                    "text": format!("{}{}", parts.join(language.separator), language.end),
                })
            })
            .collect();
        let agency = json!({
            "id": format!("agency-{a:05}"),
            "name": format!("Science and Technology Bureau of {place} No. {a}"),
            "lang": language.lang,
            "source": {"breadcrumb": ["Home page", format!("Bureau {a}")], "updated": "2009-11-27"},
            "contact": {
                "address": format!("{}F, Government Building {a}", rng.between(1, 30)),
                "post_code": format!("{:06}", rng.below(1_000_000)),
                "hotline": format!("{:08}", rng.below(100_000_000)),
            },
            "functions": functions,
        });
        if a > 1 {
            out.write_all(b",")?;
        }
        serde_json::to_writer(&mut out, &agency)?;
        out.write_all(b"\n")?;
    }
    writeln!(out, "]}}")?;
    out.flush()
}
