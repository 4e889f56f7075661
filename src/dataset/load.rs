//! Reading a dataset: the embedded one, a file, or standard input. The text is read once and
//! parsed without copying strings; a file that fails is explained by the full validator, one
//! line naming the first problem and how many more there are.

use std::borrow::Cow;
use std::fmt;
use std::io::Read;
use std::path::PathBuf;

pub use super::validate::validate;
use super::{Dataset, EMBEDDED_JSON, Problem};
use crate::ids::shell_word;

/// Where a dataset comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Embedded,
    /// A file path; `-` means standard input.
    File(PathBuf),
}

impl Input {
    /// The name messages use for this input.
    pub fn name(&self) -> String {
        match self {
            Input::Embedded => "the embedded dataset".to_string(),
            Input::File(path) if path.as_os_str() == "-" => STDIN_NAME.to_string(),
            Input::File(path) => path.display().to_string(),
        }
    }
}

/// A dataset that could not be read or is not valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    pub name: String,
    pub problems: Vec<Problem>,
}

impl DataError {
    fn unreadable(name: String, message: String) -> Self {
        DataError { name, problems: vec![Problem { pointer: String::new(), message }] }
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(first) = self.problems.first() else { return write!(f, "{}: invalid dataset", self.name) };
        if first.pointer.is_empty() {
            write!(f, "{}: {}", self.name, first.message)?;
        } else {
            write!(f, "{}: {first}", self.name)?;
        }
        match self.problems.len() {
            1 => Ok(()),
            n if self.name == STDIN_NAME => {
                write!(f, " (and {} more; the same input piped to `ncstb validate -` lists them all)", n - 1)
            }
            n => {
                write!(f, " (and {} more; `ncstb validate {}` lists them all)", n - 1, shell_word(&self.name))
            }
        }
    }
}

impl std::error::Error for DataError {}

/// How standard input is named in messages.
const STDIN_NAME: &str = "<stdin>";

/// The text of the input, for a dataset to borrow from.
pub fn read(input: &Input, max_bytes: u64) -> Result<Cow<'static, str>, DataError> {
    read_as(input, max_bytes, Reading::Dataset)
}

/// What a file is read as, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// A dataset (JSON).
    Dataset,
    /// A published page's text, for `ncstb import`.
    Page,
}

/// The text of the input, read as a dataset or a page.
pub fn read_as(input: &Input, max_bytes: u64, reading: Reading) -> Result<Cow<'static, str>, DataError> {
    let (noun, kind) = match reading {
        Reading::Dataset => ("a dataset", "JSON"),
        Reading::Page => ("a page", "text"),
    };
    let name = input.name();
    let too_large = || {
        DataError::unreadable(
            name.clone(),
            format!(
                "is larger than {}, the most {noun} may hold: set NCSTB_MAX_DATA (say, NCSTB_MAX_DATA=4G) to read more",
                size_text(max_bytes)
            ),
        )
    };
    // Reads at most one byte past the cap, so `/dev/zero` or `yes |` end at once. A file's size,
    // when known, is reserved at once: no copying as the buffer grows, and no slack left over.
    let read_capped = |reader: &mut dyn Read, what: &str, size: Option<u64>| {
        let reserve = size.filter(|&size| size <= max_bytes).map_or(0, |size| size as usize + 1);
        let mut bytes = Vec::with_capacity(reserve);
        reader
            .take(max_bytes.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| DataError::unreadable(name.clone(), format!("cannot read{what}: {e}")))?;
        if bytes.len() as u64 > max_bytes { Err(too_large()) } else { Ok(bytes) }
    };
    let bytes = match input {
        Input::Embedded => return Ok(Cow::Borrowed(EMBEDDED_JSON)),
        Input::File(path) if path.as_os_str() == "-" => {
            read_capped(&mut std::io::stdin().lock(), " standard input", None)?
        }
        Input::File(path) => {
            if path.is_dir() {
                return Err(DataError::unreadable(name, format!("is a directory, not {noun} file")));
            }
            let mut file = std::fs::File::open(path)
                .map_err(|e| DataError::unreadable(name.clone(), format!("cannot read: {e}")))?;
            let size = file.metadata().ok().filter(std::fs::Metadata::is_file).map(|m| m.len());
            if size.is_some_and(|size| size > max_bytes) {
                return Err(too_large());
            }
            match size.and_then(|size| read_in_halves(&file, size)) {
                Some(bytes) => bytes,
                None => read_capped(&mut file, "", size)?,
            }
        }
    };
    // The text lives until the process ends: the dataset borrows from it to the last output, and
    // leaving it to the operating system saves freeing tens of megabytes. Checked as UTF-8 with
    // SIMD (simdutf8), some ten times the speed of the standard check on Chinese text.
    let bytes: &'static [u8] = bytes.leak();
    simdutf8::basic::from_utf8(bytes).map(Cow::Borrowed).map_err(|_| {
        let at = std::str::from_utf8(bytes).err().map_or(0, |e| e.valid_up_to());
        DataError::unreadable(
            name,
            format!("not UTF-8 text (invalid byte at offset {at}): {noun} is {kind} in UTF-8"),
        )
    })
}

/// A file of at least this many bytes is read on two threads.
const MIN_BYTES_TO_READ_IN_HALVES: u64 = 4 << 20;

/// A large regular file's `size` bytes, each half read on its own thread: copying the text in
/// and the memory it lands in, which the kernel maps and clears page by page, take about as long
/// as parsing it. `None` when the file is small or is not `size` bytes long after all (it
/// changed), and it is read the ordinary way, from the start.
#[cfg(unix)]
fn read_in_halves(file: &std::fs::File, size: u64) -> Option<Vec<u8>> {
    use std::os::unix::fs::FileExt;
    if size < MIN_BYTES_TO_READ_IN_HALVES {
        return None;
    }
    let length = usize::try_from(size).ok()?;
    // Zeroed memory comes fresh from the system, untouched: the threads' reads map it.
    let mut bytes = vec![0u8; length];
    let middle = length / 2;
    let (first, second) = bytes.split_at_mut(middle);
    let (read_first, read_second) = std::thread::scope(|scope| {
        let second = scope.spawn(|| file.read_exact_at(second, middle as u64));
        // Reading does not panic; were it to, re-raising it is the honest report.
        (file.read_exact_at(first, 0), second.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
    });
    let mut past_the_end = [0u8; 1];
    let complete = matches!(file.read_at(&mut past_the_end, size), Ok(0));
    (read_first.is_ok() && read_second.is_ok() && complete).then_some(bytes)
}

#[cfg(not(unix))]
fn read_in_halves(_file: &std::fs::File, _size: u64) -> Option<Vec<u8>> {
    None
}

/// The most a dataset may hold unless `NCSTB_MAX_DATA` says otherwise: 1 GiB.
pub const DEFAULT_MAX_BYTES: u64 = 1 << 30;

/// A size as people write it: `1000000`, `512K`, `64M`, `2G` (powers of 1,024), `1GiB`, `1.5G`.
pub fn parse_size(text: &str) -> Option<u64> {
    let text = text.trim();
    let split = text.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number.parse().ok()?;
    let unit = unit.trim().to_ascii_lowercase();
    let scale: u64 = match unit.trim_end_matches("ib").trim_end_matches('b') {
        "" => 1,
        "k" => 1 << 10,
        "m" => 1 << 20,
        "g" => 1 << 30,
        "t" => 1 << 40,
        _ => return None,
    };
    let bytes = number * scale as f64;
    (bytes.is_finite() && bytes >= 1.0 && bytes < u64::MAX as f64).then_some(bytes as u64)
}

/// A byte count for messages: "1 GiB", "512 MiB", "1000 bytes".
pub fn size_text(bytes: u64) -> String {
    for (unit, scale) in [("TiB", 1u64 << 40), ("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] {
        if bytes >= scale && bytes.is_multiple_of(scale) {
            return format!("{} {unit}", bytes / scale);
        }
    }
    format!("{bytes} bytes")
}

/// Parses a dataset from `input`: checked, unless it is the embedded one, which a test checks
/// once (`the_embedded_dataset_parses`) rather than every run.
pub fn parse_input<'a>(input: &Input, text: &'a str) -> Result<Dataset<'a>, DataError> {
    match input {
        Input::Embedded => Dataset::from_json(text).or_else(|_| parse(&input.name(), text)),
        Input::File(_) => parse(&input.name(), text),
    }
}

/// One dataset of the agencies of several, each given with the name of where it was read: an
/// agency id found in two of them is an error naming both.
pub fn merge(parts: Vec<(String, Dataset<'_>)>) -> Result<Dataset<'_>, DataError> {
    let mut parts = parts.into_iter();
    let Some((first_name, mut merged)) = parts.next() else {
        return Err(DataError::unreadable("--data".into(), "no dataset given".into()));
    };
    let mut found_in: rustc_hash::FxHashMap<String, String> =
        merged.agencies.iter().map(|agency| (agency.id.to_string(), first_name.clone())).collect();
    for (name, dataset) in parts {
        for (a, agency) in dataset.agencies.into_iter().enumerate() {
            if let Some(earlier) = found_in.get(agency.id.as_str()) {
                let message = format!(
                    "agency id {:?} is also in {earlier}: ids must be unique across the files given",
                    agency.id.as_str()
                );
                return Err(DataError {
                    name,
                    problems: vec![Problem { pointer: format!("/agencies/{a}/id"), message }],
                });
            }
            found_in.insert(agency.id.to_string(), name.clone());
            merged.agencies.push(agency);
        }
    }
    Ok(merged)
}

/// Parses and checks a dataset read from `name`.
pub fn parse<'a>(name: &str, text: &'a str) -> Result<Dataset<'a>, DataError> {
    let json = text.strip_prefix('\u{feff}').unwrap_or(text);
    let fail = |problems: Vec<Problem>| DataError { name: name.to_string(), problems };
    match Dataset::from_json(json) {
        Ok(dataset) => {
            let problems = dataset.problems();
            if problems.is_empty() { Ok(dataset) } else { Err(fail(problems)) }
        }
        // The fast path only knows the first failure; the validator finds them all, with pointers.
        Err(_) => Err(fail(validate(text).problems)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_names_the_file_first_problem_and_the_rest() {
        let json = r#"{"schema_version":1,"agencies":[{"id":"a","name":"A","functions":[
            {"number":1,"text":"x"},{"number":1,"text":"y"},{"number":2,"numeral":"III","text":"z"}]}]}"#;
        let err = parse("big.json", json).unwrap_err();
        assert_eq!(
            err.to_string(),
            "big.json: /agencies/0/functions/1/number: duplicate duty number 1 in agency \"a\" \
             (and 1 more; `ncstb validate big.json` lists them all)"
        );
        let err = parse("x.json", "{").unwrap_err();
        assert_eq!(err.to_string(), "x.json: invalid JSON: EOF while parsing an object at line 1 column 1");
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(parse_size("1000"), Some(1000));
        assert_eq!(parse_size("512K"), Some(512 << 10));
        assert_eq!(parse_size("64m"), Some(64 << 20));
        assert_eq!(parse_size("2GiB"), Some(2 << 30));
        assert_eq!(parse_size("1.5G"), Some(3 << 29));
        for bad in ["", "G", "abc", "0", "-5", "1X", "1e400"] {
            assert_eq!(parse_size(bad), None, "{bad}");
        }
        assert_eq!(size_text(DEFAULT_MAX_BYTES), "1 GiB");
        assert_eq!(size_text(1000), "1000 bytes");
    }

    #[test]
    fn the_embedded_dataset_parses() {
        let text = read(&Input::Embedded, DEFAULT_MAX_BYTES).unwrap();
        assert_eq!(parse("embedded", &text).unwrap().agencies[0].functions.len(), 11);
    }

    #[test]
    fn unreadable_inputs_are_named() {
        let missing = read(&Input::File("/nonexistent/ncstb.json".into()), DEFAULT_MAX_BYTES).unwrap_err();
        assert!(
            missing.to_string().starts_with("/nonexistent/ncstb.json: cannot read: No such file"),
            "{missing}"
        );
        let directory = read(&Input::File("/".into()), DEFAULT_MAX_BYTES).unwrap_err();
        assert_eq!(directory.to_string(), "/: is a directory, not a dataset file");
    }
}
