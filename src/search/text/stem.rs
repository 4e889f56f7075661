//! The stem key words are compared by when not compared exactly: the minimal plural stemmer
//! (Harman's S-stemmer, with irregular plurals), British spellings folded to American, and the
//! common verb endings cut; and which two keys are derivations of one word.

use std::borrow::Cow;

/// The form words are compared in when not compared exactly: the minimal plural stem (Harman's
/// S-stemmer, as Lucene's `EnglishMinimalStemmer`), British spellings folded to American, and
/// the common verb endings cut (funding → fund, assigned → assign, organised → organiz).
pub fn stem_key(word: &str) -> Cow<'_, str> {
    let stem = plural_stem(word);
    let folded = match fold_british(&stem) {
        Some(folded) => Cow::Owned(folded),
        None => stem,
    };
    match cut_verb_ending(&folded) {
        Some(cut) => Cow::Owned(cut),
        None => folded,
    }
}

/// Two stem keys derive from one word when they share at least this many leading letters...
pub const MIN_SHARED_DERIVATION: usize = 6;
/// ...and those letters are at least this share (in percent) of the shorter key.
const MIN_SHARED_DERIVATION_PERCENT: usize = 80;

/// True when two stem keys are forms of one word by derivation: industry and
/// industrialization, popular and popularization, innovative and innovation. The bounds keep
/// apart internet and international, organism and organize, departure and department.
pub fn same_derivation(a: &str, b: &str) -> bool {
    let letters = |key: &str| key.bytes().all(|b| b.is_ascii_lowercase());
    if a == b || !letters(a) || !letters(b) {
        return false;
    }
    let shared = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    shared >= MIN_SHARED_DERIVATION
        && shared * 100 >= short.len() * MIN_SHARED_DERIVATION_PERCENT
        && short.len() - shared <= 1
        && DERIVATIONAL_ENDINGS.iter().any(|ending| long[shared..].starts_with(ending))
}

/// How the longer of two derived words may go on after what they share: -al, -ic, -ion, -ize,
/// -ity, -ive, -ment, -ance... Not -er or -or: a researcher is a person, not research; and not
/// whatever else two lookalikes happen to differ by (contract, contraception).
const DERIVATIONAL_ENDINGS: &[&str] = &[
    "a", "ia", "ic", "io", "iz", "is", "it", "iv", "o", "men", "emen", "anc", "enc", "ly", "ely", "ship", "y",
];

/// What is left of a word after a verb ending is cut must be at least this long, so that
/// "thing", "bring" and "based" keep their endings.
const MIN_VERB_STEM: usize = 4;

/// True for a noun in "-ing" that is no form of the verb its stem spells: a booking is not a
/// book, parking is not a park, training is not a train.
fn is_noun_in_ing(word: &str) -> bool {
    matches!(
        word,
        "bedding"
            | "booking"
            | "boxing"
            | "building"
            | "ceiling"
            | "clothing"
            | "evening"
            | "hearing"
            | "landing"
            | "lightning"
            | "listing"
            | "lodging"
            | "morning"
            | "painting"
            | "parking"
            | "setting"
            | "sewing"
            | "siding"
            | "training"
            | "wedding"
    )
}

/// Cuts "-ing" or "-ed", undoubles a final consonant (planning → plan) and drops a final "e"
/// (organize → organiz, so organized and organizing meet it). `None` when nothing changes.
fn cut_verb_ending(word: &str) -> Option<String> {
    if !word.is_ascii() || is_noun_in_ing(word) {
        return None;
    }
    let mut stem = ["ing", "ed"]
        .iter()
        .find_map(|ending| word.strip_suffix(ending).filter(|stem| stem.len() >= MIN_VERB_STEM))
        .unwrap_or(word);
    let bytes = stem.as_bytes();
    let n = bytes.len();
    if stem.len() < word.len()
        && n >= 2
        && bytes[n - 1] == bytes[n - 2]
        && !b"aeioulsz".contains(&bytes[n - 1])
    {
        stem = &stem[..n - 1];
    }
    if stem.len() > MIN_VERB_STEM && stem.ends_with('e') && !stem.ends_with("ee") {
        stem = &stem[..stem.len() - 1];
    }
    (stem != word).then(|| stem.to_string())
}

/// The singular of a plural that no ending rule undoes: children → child, women → woman,
/// crises → crisis. A `match`, which compiles to a switch on the length and a few compares.
fn irregular_plural(word: &str) -> Option<&'static str> {
    Some(match word {
        "alumni" => "alumnus",
        "analyses" => "analysis",
        "bacteria" => "bacterium",
        "businessmen" => "businessman",
        "businesswomen" => "businesswoman",
        "cacti" => "cactus",
        "calves" => "calf",
        "chairmen" => "chairman",
        "children" => "child",
        "congressmen" => "congressman",
        "countrymen" => "countryman",
        "craftsmen" => "craftsman",
        "crises" => "crisis",
        "criteria" => "criterion",
        "curricula" => "curriculum",
        "diagnoses" => "diagnosis",
        "feet" => "foot",
        "firemen" => "fireman",
        "fishermen" => "fisherman",
        "fungi" => "fungus",
        "geese" => "goose",
        "gentlemen" => "gentleman",
        "grandchildren" => "grandchild",
        "halves" => "half",
        "herdsmen" => "herdsman",
        "hypotheses" => "hypothesis",
        "knives" => "knife",
        "leaves" => "leaf",
        "lives" => "life",
        "men" => "man",
        "mice" => "mouse",
        "nuclei" => "nucleus",
        "oases" => "oasis",
        "people" => "person",
        "phenomena" => "phenomenon",
        "policemen" => "policeman",
        "policewomen" => "policewoman",
        "salesmen" => "salesman",
        "servicemen" => "serviceman",
        "shelves" => "shelf",
        "spokesmen" => "spokesman",
        "stimuli" => "stimulus",
        "strata" => "stratum",
        "syntheses" => "synthesis",
        "teeth" => "tooth",
        "theses" => "thesis",
        "thieves" => "thief",
        "townsmen" => "townsman",
        "tradesmen" => "tradesman",
        "wives" => "wife",
        "wolves" => "wolf",
        "women" => "woman",
        "workmen" => "workman",
        _ => return None,
    })
}

/// enterprises → enterprise, policies → policy, smes → sme; "ss", "us" and short words stay;
/// children → child and the other irregular plurals.
/// The rules of Lucene's `EnglishMinimalStemmer`.
pub fn plural_stem(word: &str) -> Cow<'_, str> {
    if let Some(singular) = irregular_plural(word) {
        return Cow::Borrowed(singular);
    }
    let bytes = word.as_bytes();
    let len = bytes.len();
    if len < 3 || !word.is_ascii() || bytes[len - 1] != b's' {
        return Cow::Borrowed(word);
    }
    match bytes[len - 2] {
        b'u' | b's' => Cow::Borrowed(word),
        b'e' if len > 3 && bytes[len - 3] == b'i' && !matches!(bytes[len - 4], b'a' | b'e') => {
            Cow::Owned(format!("{}y", &word[..len - 3]))
        }
        b'e' if matches!(bytes[len - 3], b'i' | b'a' | b'o' | b'e') => Cow::Borrowed(word),
        _ => Cow::Borrowed(&word[..len - 1]),
    }
}

/// The American spelling of a British word that no suffix rule folds: licence → license,
/// enrolment → enrollment, paediatric → pediatric, travelled → traveled.
fn british_word(word: &str) -> Option<&'static str> {
    Some(match word {
        "acknowledgement" => "acknowledgment",
        "aeroplane" => "airplane",
        "ageing" => "aging",
        "aluminium" => "aluminum",
        "anaemia" => "anemia",
        "anaesthesia" => "anesthesia",
        "anaesthetic" => "anesthetic",
        "cancelled" => "canceled",
        "cancelling" => "canceling",
        "cheque" => "check",
        "counselling" => "counseling",
        "counsellor" => "counselor",
        "defence" => "defense",
        "diarrhoea" => "diarrhea",
        "draught" => "draft",
        "enquire" => "inquire",
        "enquiry" => "inquiry",
        "enrol" => "enroll",
        "enrolment" => "enrollment",
        "foetal" => "fetal",
        "foetus" => "fetus",
        "fuelled" => "fueled",
        "fulfil" => "fulfill",
        "fulfilment" => "fulfillment",
        "grey" => "gray",
        "gynaecological" => "gynecological",
        "gynaecology" => "gynecology",
        "haematology" => "hematology",
        "haemophilia" => "hemophilia",
        "haemorrhage" => "hemorrhage",
        "instalment" => "installment",
        "jewellery" => "jewelry",
        "judgement" => "judgment",
        "kerb" => "curb",
        "labelled" => "labeled",
        "labelling" => "labeling",
        "leukaemia" => "leukemia",
        "levelled" => "leveled",
        "licence" => "license",
        "manoeuvre" => "maneuver",
        "modelled" => "modeled",
        "modelling" => "modeling",
        "mould" => "mold",
        "mouldy" => "moldy",
        "moustache" => "mustache",
        "oesophagus" => "esophagus",
        "offence" => "offense",
        "orthopaedic" => "orthopedic",
        "orthopaedics" => "orthopedics",
        "paediatric" => "pediatric",
        "paediatrician" => "pediatrician",
        "paediatrics" => "pediatrics",
        "paedophile" => "pedophile",
        "plough" => "plow",
        "practise" => "practice",
        "pretence" => "pretense",
        "pyjamas" => "pajamas",
        "sceptical" => "skeptical",
        "signalling" => "signaling",
        "skilful" => "skillful",
        "storey" => "story",
        "travelled" => "traveled",
        "traveller" => "traveler",
        "travelling" => "traveling",
        "tyre" => "tire",
        "wilful" => "willful",
        "yoghurt" => "yogurt",
        _ => return None,
    })
}

/// British suffixes and their American spellings, longest first.
const BRITISH_SUFFIXES: [(&str, &str); 9] = [
    ("isation", "ization"),
    ("ising", "izing"),
    ("ised", "ized"),
    ("ise", "ize"),
    ("yse", "yze"),
    ("ogue", "og"),
    ("mme", "m"),
    ("tre", "ter"),
    ("our", "or"),
];

/// Words shorter than this keep their ending ("four", "rise" and "tre" stay as they are).
const MIN_LEN_FOR_SPELLING_FOLD: usize = 6;

/// The American spelling of a British word or suffix: organise → organize, programme →
/// program, centre → center, labour → labor, licence → license. Applied to both sides, so a rare over-fold is harmless.
fn fold_british(word: &str) -> Option<String> {
    if let Some(american) = british_word(word) {
        return Some(american.to_string());
    }
    if word.len() < MIN_LEN_FOR_SPELLING_FOLD || !word.is_ascii() {
        return None;
    }
    BRITISH_SUFFIXES
        .iter()
        .find_map(|(british, american)| word.strip_suffix(british).map(|base| format!("{base}{american}")))
}
