//! Writes a large, deterministic dataset in ncstb's schema to standard output, for the benchmark:
//!
//!     cargo run --release --example gen-dataset -- --agencies 10000 > big.json
//!
//! Each agency gets 6–14 duties recombined from the clauses of the embedded Nanchang duties,
//! with words from a generated vocabulary mixed in so the text is as varied as real data. The
//! same arguments always give the same bytes (a fixed xorshift generator, no clock, no hashing).

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

fn roman(n: u64) -> String {
    ncstb::dataset::numeral::to_roman(n).unwrap_or_else(|| n.to_string())
}

fn usage() -> ExitCode {
    eprintln!("usage: gen-dataset [--agencies N] [--seed S]");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let (mut agencies, mut seed) = (10_000u64, 0x5eed_u64);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next().and_then(|v| v.parse().ok());
        match (arg.as_str(), value) {
            ("--agencies", Some(n)) => agencies = n,
            ("--seed", Some(s)) => seed = s,
            _ => return usage(),
        }
    }
    match generate(agencies, seed.max(1)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("gen-dataset: {err}");
            ExitCode::from(2)
        }
    }
}

fn generate(agencies: u64, seed: u64) -> io::Result<()> {
    let embedded = Dataset::embedded().map_err(io::Error::other)?;
    let duties = &embedded.agencies[0].functions;
    let clauses: Vec<String> =
        duties.iter().flat_map(|d| d.clauses().map(|c| c.trim_end_matches('.').to_string())).collect();
    let titles: Vec<&str> = duties.iter().filter_map(|d| d.title.as_deref()).collect();
    let mut rng = Rng(seed);
    let words: Vec<String> = (0..VOCABULARY)
        .map(|_| (0..rng.between(2, 4)).map(|_| *rng.pick(SYLLABLES)).collect::<String>())
        .collect();

    let out = io::stdout();
    let mut out = BufWriter::new(out.lock());
    write!(out, "{{\"schema_version\":1,\"agencies\":[")?;
    for a in 1..=agencies {
        let place = rng.pick(&words).clone();
        let functions: Vec<serde_json::Value> = (1..=rng.between(MIN_DUTIES, MAX_DUTIES))
            .map(|number| {
                let mut parts: Vec<String> =
                    (0..rng.between(MIN_CLAUSES, MAX_CLAUSES)).map(|_| rng.pick(&clauses).clone()).collect();
                let extra = format!("support the {} and {} programs", rng.pick(&words), rng.pick(&words));
                parts.push(extra);
                json!({
                    "number": number,
                    "numeral": roman(number),
                    "title": rng.pick(&titles),
                    "text": format!("{}.", parts.join("; ")),
                })
            })
            .collect();
        let agency = json!({
            "id": format!("agency-{a:05}"),
            "name": format!("Science and Technology Bureau of {place} No. {a}"),
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
