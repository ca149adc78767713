//! A lesson as a piece of the address (`lesson=<code>`): the whole lesson travels in the link,
//! and nothing is stored on a server.
//!
//! A lesson is a title and an ordered list of steps; a step is a lab, the settings that differ
//! from the lab's defaults, the teacher's note and the controls hidden in that step. The code is
//! built in three stages, each undone in reverse by [`decode`]:
//!
//! 1. **Bytes.** Numbers as variable-length integers (7 bits a byte), texts as their length and
//!    their characters, one byte each for ASCII and for the 27 Hebrew letters (U+05D0–U+05EA →
//!    0x80–0x9A), any other character as 0xFF and its UTF-8. A Hebrew note costs one byte a
//!    letter instead of the six of `%D7%90` in a plain address.
//! 2. **Repeats shortened** (LZSS): a run of 3–18 bytes seen in the last 4,095 is written as a
//!    2-byte reference to it; a flag byte before every 8 items says which are references. A
//!    lesson repeats its lab names and setting names from step to step.
//! 3. **Letters of the address**: base64url (A–Z a–z 0–9 - _), 4 characters for 3 bytes, none
//!    of which an address escapes.
//!
//! A 12-step lesson with notes in both languages is about 1,200 characters (tests below).

/// The format's version, the code's first byte: a later format can still read this one.
const VERSION: u8 = 1;
/// At most this many steps (a lesson longer than a class is split into two).
pub const MAX_STEPS: usize = 40;
/// At most this many characters in a note (a slide's caption, not an essay).
pub const MAX_NOTE: usize = 300;
/// At most this many characters in a title.
pub const MAX_TITLE: usize = 80;
/// A code longer than this is not read (a lesson of MAX_STEPS full steps is well under it).
pub const MAX_CODE: usize = 12_000;

/// One step: a lab (its slug), its settings (`name`, `value`, as the address writes them,
/// without `lab`), the note shown with it and the controls (`data-control` ids) hidden in it.
/// While the lesson is being written, a step also keeps the controls its page offered (id and
/// label), for the editor's "hide" boxes; a link leaves them out.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Step {
    pub lab: String,
    pub settings: Vec<(String, String)>,
    pub note: String,
    pub hidden: Vec<String>,
    pub offered: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Lesson {
    pub title: String,
    pub steps: Vec<Step>,
}

/// Why a code could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeError {
    /// A character outside base64url, or a length no base64 gives.
    NotBase64,
    /// The bytes end in the middle of something, or point before their start.
    Truncated,
    /// A version this page does not know (a link from a newer Perplexed).
    Version,
    /// Too long, too many steps, or a text longer than allowed.
    TooLarge,
    /// Bytes left over after the last step.
    Trailing,
}

// ---------------------------------------------------------------- 1 · bytes

const HEBREW_FIRST: u32 = 0x05D0;
const HEBREW_LETTERS: u32 = 27;
const WIDE: u8 = 0xFF;

fn put_number(out: &mut Vec<u8>, mut n: usize) {
    loop {
        let low = (n & 0x7F) as u8;
        n >>= 7;
        if n == 0 {
            out.push(low);
            return;
        }
        out.push(low | 0x80);
    }
}

fn put_text(out: &mut Vec<u8>, text: &str) {
    let mut bytes = Vec::with_capacity(text.len());
    for c in text.chars() {
        let u = c as u32;
        if u < 0x80 {
            bytes.push(u as u8);
        } else if (HEBREW_FIRST..HEBREW_FIRST + HEBREW_LETTERS).contains(&u) {
            bytes.push(0x80 + (u - HEBREW_FIRST) as u8);
        } else {
            bytes.push(WIDE);
            let mut buf = [0u8; 4];
            bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
    }
    put_number(out, bytes.len());
    out.extend(bytes);
}

/// Reads the bytes of [`put_number`] and [`put_text`] back, never past the end.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, CodeError> {
        let b = *self.bytes.get(self.at).ok_or(CodeError::Truncated)?;
        self.at += 1;
        Ok(b)
    }
    fn number(&mut self) -> Result<usize, CodeError> {
        let mut n = 0usize;
        for shift in (0..35).step_by(7) {
            let b = self.byte()?;
            n |= usize::from(b & 0x7F) << shift;
            if b & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(CodeError::TooLarge)
    }
    fn pairs(&mut self, value_chars: usize) -> Result<Vec<(String, String)>, CodeError> {
        let count = self.number()?;
        if count > 200 {
            return Err(CodeError::TooLarge);
        }
        (0..count).map(|_| Ok((self.text(40)?, self.text(value_chars)?))).collect()
    }
    fn text(&mut self, max_chars: usize) -> Result<String, CodeError> {
        let len = self.number()?;
        let end = self.at.checked_add(len).filter(|&e| e <= self.bytes.len()).ok_or(CodeError::Truncated)?;
        let bytes = &self.bytes[self.at..end];
        self.at = end;
        let mut text = String::new();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            i += 1;
            match b {
                0..=0x7F => text.push(char::from(b)),
                WIDE => {
                    // One UTF-8 character: its first byte says how long it is.
                    let len = match bytes.get(i) { Some(0xC0..=0xDF) => 2, Some(0xE0..=0xEF) => 3, Some(0xF0..=0xF7) => 4, _ => return Err(CodeError::Truncated) };
                    let c = bytes.get(i..i + len).and_then(|s| std::str::from_utf8(s).ok()).ok_or(CodeError::Truncated)?;
                    text.push_str(c);
                    i += len;
                }
                _ if u32::from(b - 0x80) < HEBREW_LETTERS => text.push(char::from_u32(HEBREW_FIRST + u32::from(b - 0x80)).unwrap_or('\u{FFFD}')),
                _ => return Err(CodeError::Truncated),
            }
            if text.chars().count() > max_chars {
                return Err(CodeError::TooLarge);
            }
        }
        Ok(text)
    }
}

fn lesson_bytes(lesson: &Lesson) -> Vec<u8> {
    let mut out = vec![VERSION];
    put_text(&mut out, &lesson.title);
    put_number(&mut out, lesson.steps.len());
    for step in &lesson.steps {
        put_text(&mut out, &step.lab);
        put_pairs(&mut out, &step.settings);
        put_text(&mut out, &step.note);
        put_text(&mut out, &step.hidden.join(","));
        put_pairs(&mut out, &step.offered);
    }
    out
}

fn put_pairs(out: &mut Vec<u8>, pairs: &[(String, String)]) {
    put_number(out, pairs.len());
    for (name, value) in pairs {
        put_text(out, name);
        put_text(out, value);
    }
}

fn read_lesson(bytes: &[u8]) -> Result<Lesson, CodeError> {
    let mut r = Reader { bytes, at: 0 };
    if r.byte()? != VERSION {
        return Err(CodeError::Version);
    }
    let title = r.text(MAX_TITLE)?;
    let n = r.number()?;
    if n > MAX_STEPS {
        return Err(CodeError::TooLarge);
    }
    let mut steps = Vec::with_capacity(n);
    for _ in 0..n {
        let lab = r.text(40)?;
        let settings = r.pairs(MAX_CODE)?;
        let note = r.text(MAX_NOTE)?;
        let hidden = r.text(2000)?.split(',').filter(|s| !s.is_empty()).map(str::to_owned).collect();
        let offered = r.pairs(200)?;
        steps.push(Step { lab, settings, note, hidden, offered });
    }
    if r.at != bytes.len() {
        return Err(CodeError::Trailing);
    }
    Ok(Lesson { title, steps })
}

// ---------------------------------------------------------------- 2 · repeats (LZSS)

const WINDOW: usize = 4095;
const MIN_MATCH: usize = 3;
const MAX_MATCH: usize = MIN_MATCH + 15;

fn shorten(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut flags_at = 0;
    let mut item = 8;
    let mut i = 0;
    while i < bytes.len() {
        if item == 8 {
            flags_at = out.len();
            out.push(0);
            item = 0;
        }
        // The longest earlier run equal to what follows (the nearest of equal length).
        let (mut best_len, mut best_back) = (0, 0);
        for start in i.saturating_sub(WINDOW)..i {
            let len = (0..MAX_MATCH.min(bytes.len() - i)).take_while(|&k| bytes[start + k] == bytes[i + k]).count();
            if len >= best_len && len >= MIN_MATCH {
                (best_len, best_back) = (len, i - start);
            }
        }
        if best_len >= MIN_MATCH {
            out[flags_at] |= 1 << item;
            // 12 bits of distance back, 4 of length − 3.
            out.push((best_back >> 4) as u8);
            out.push((((best_back & 0xF) << 4) | (best_len - MIN_MATCH)) as u8);
            i += best_len;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
        item += 1;
    }
    out
}

fn lengthen(packed: &[u8]) -> Result<Vec<u8>, CodeError> {
    let mut out: Vec<u8> = Vec::with_capacity(packed.len() * 2);
    let mut i = 0;
    while i < packed.len() {
        let flags = packed[i];
        i += 1;
        for item in 0..8 {
            if i >= packed.len() {
                break;
            }
            if flags & (1 << item) == 0 {
                out.push(packed[i]);
                i += 1;
            } else {
                let (a, b) = (usize::from(packed[i]), usize::from(*packed.get(i + 1).ok_or(CodeError::Truncated)?));
                i += 2;
                let (back, len) = ((a << 4) | (b >> 4), (b & 0xF) + MIN_MATCH);
                let start = out.len().checked_sub(back).filter(|_| back > 0).ok_or(CodeError::Truncated)?;
                // Byte by byte: a run may overlap what it writes ("abcabcabc").
                for k in 0..len {
                    out.push(out[start + k]);
                }
            }
            if out.len() > MAX_CODE * 4 {
                return Err(CodeError::TooLarge);
            }
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------- 3 · base64url

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (k, &b)| n | u32::from(b) << (16 - 8 * k));
        for k in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * k)) & 63) as usize]));
        }
    }
    out
}

fn from_base64url(text: &str) -> Result<Vec<u8>, CodeError> {
    let digit = |c: u8| ALPHABET.iter().position(|&a| a == c).map(|d| d as u32).ok_or(CodeError::NotBase64);
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    for chunk in text.as_bytes().chunks(4) {
        if chunk.len() == 1 {
            return Err(CodeError::NotBase64);
        }
        let mut n = 0;
        for (k, &c) in chunk.iter().enumerate() {
            n |= digit(c)? << (18 - 6 * k);
        }
        for k in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * k)) as u8);
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------- the code

/// The lesson as the letters of `lesson=` in an address.
pub fn encode(lesson: &Lesson) -> String {
    base64url(&shorten(&lesson_bytes(lesson)))
}

/// The lesson a code holds, or why it holds none.
pub fn decode(code: &str) -> Result<Lesson, CodeError> {
    if code.len() > MAX_CODE {
        return Err(CodeError::TooLarge);
    }
    read_lesson(&lengthen(&from_base64url(code)?)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(lab: &str, settings: &[(&str, &str)], note: &str, hidden: &[&str]) -> Step {
        Step {
            lab: lab.into(),
            settings: settings.iter().map(|&(k, v)| (k.into(), v.into())).collect(),
            note: note.into(),
            hidden: hidden.iter().map(|&h| h.into()).collect(),
            offered: Vec::new(),
        }
    }

    /// A class's lesson: twelve steps over five labs, notes in Hebrew and English of a sentence
    /// or two each, settings from the labs' own presets.
    fn twelve_steps() -> Lesson {
        Lesson {
            title: "שיעור 3 — למידה עמוקה מההתחלה".into(),
            steps: vec![
                step("playground", &[("dataset", "circle")], "זוהי רשת נוירונים קטנה. לחצו על הפעלה וצפו בגבול ההחלטה.", &[]),
                step("playground", &[("dataset", "spiral"), ("layers", "8,8,8"), ("lr", "0.03")], "ספירלה קשה יותר: שלוש שכבות של שמונה נוירונים.", &["noise"]),
                step("playground", &[("dataset", "spiral"), ("layers", "2"), ("lr", "0.03")], "ועכשיו רק שני נוירונים. מה קורה לגבול?", &["layers"]),
                step("descent", &[("surface", "ravine"), ("racers", "sgd:0.1,momentum:0.1")], "Plain SGD zig-zags down the ravine; momentum rolls through it.", &[]),
                step("descent", &[("surface", "ravine"), ("racers", "sgd:0.9")], "A learning rate that is too large: watch it diverge.", &["racers"]),
                step("descent", &[("surface", "bowl"), ("racers", "adam:0.1,sgd:0.1,rmsprop:0.1")], "מרוץ הוגן בין שלוש שיטות אופטימיזציה.", &[]),
                step("overfitting", &[("degree", "15"), ("points", "20")], "פולינום ממעלה 15 על עשרים נקודות: התאמת יתר.", &["degree"]),
                step("overfitting", &[("degree", "15"), ("points", "200")], "More data tames the same model.", &[]),
                step("overfitting", &[("degree", "3"), ("points", "20")], "מעלה 3: תת-התאמה או בדיוק נכון?", &[]),
                step("trees", &[("model", "tree"), ("depth", "2")], "עץ החלטה בעומק 2: שתי שאלות בלבד.", &[]),
                step("trees", &[("model", "forest"), ("trees", "50")], "יער של 50 עצים מצביע יחד.", &["trees"]),
                step("clustering", &[("data", "moons"), ("method", "dbscan")], "k-means חותך את הירחים לשניים; DBSCAN מוצא אותם.", &[]),
            ],
        }
    }

    #[test]
    fn a_twelve_step_lesson_round_trips_in_under_two_thousand_characters() {
        let lesson = twelve_steps();
        let code = encode(&lesson);
        assert_eq!(decode(&code), Ok(lesson.clone()));
        // The address of step 1 with this lesson: the lab, its settings, the language, the code.
        let link = format!("http://127.0.0.1:8080/?lab=playground&dataset=circle&lang=he&lesson={code}&step=1");
        assert!(link.len() < 2000, "{} characters", link.len());
        // Every character is one the address keeps as it is.
        assert!(code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        // Stage 2 earns its place: the repeats save at least a fifth of the bytes.
        let (plain, short) = (lesson_bytes(&lesson).len(), shorten(&lesson_bytes(&lesson)).len());
        assert!(short * 5 <= plain * 4, "{plain} bytes, {short} shortened");
        println!("12 steps: {plain} bytes, {short} after repeats, a code of {} characters, a link of {}", code.len(), link.len());
    }

    #[test]
    fn hebrew_letters_take_one_byte_other_characters_their_utf8() {
        // "שלום" = ש U+05E9, ל U+05DC, ו U+05D5, ם U+05DD → 0x99 0x8C 0x85 0x8D, after its length 4.
        let mut out = Vec::new();
        put_text(&mut out, "שלום");
        assert_eq!(out, [4, 0x99, 0x8C, 0x85, 0x8D]);
        // "é→" : é is U+00E9 (UTF-8 C3 A9), → U+2192 (E2 86 92): each after 0xFF; 7 bytes.
        let mut out = Vec::new();
        put_text(&mut out, "é→");
        assert_eq!(out, [7, 0xFF, 0xC3, 0xA9, 0xFF, 0xE2, 0x86, 0x92]);
        let mut one = step("cnn", &[("part", "kernel")], "ק\"ם; a&b=c, x%20", &["lr", "batch"]);
        one.offered = vec![("lr".into(), "קצב למידה".into()), ("batch".into(), "Mini-batch".into())];
        let lesson = Lesson { title: "ℵ 😀 שׁ".into(), steps: vec![one] };
        assert_eq!(decode(&encode(&lesson)), Ok(lesson));
    }

    #[test]
    fn numbers_use_seven_bits_a_byte() {
        // 300 = 0b10_0101100: low seven bits 0101100 (0x2C) with the "more" bit → 0xAC, then 0b10 = 2.
        let mut out = Vec::new();
        put_number(&mut out, 300);
        assert_eq!(out, [0xAC, 0x02]);
        assert_eq!(Reader { bytes: &out, at: 0 }.number(), Ok(300));
    }

    #[test]
    fn repeats_become_references_and_come_back() {
        // "abcabcabcX": a, b, c as literals, then 6 bytes copied from 3 back (overlapping), X.
        // Flags: items 0,1,2 literal, item 3 a reference, item 4 literal → 0b01000 = 0x08.
        // Reference: distance 3 → 0x00, (3 << 4) | (6 − 3) = 0x33.
        let packed = shorten(b"abcabcabcX");
        assert_eq!(packed, [0x08, b'a', b'b', b'c', 0x00, 0x33, b'X']);
        assert_eq!(lengthen(&packed), Ok(b"abcabcabcX".to_vec()));
        // Longer than 8 items: a second flag byte.
        let long: Vec<u8> = (0..200u8).chain(0..200u8).collect();
        assert_eq!(lengthen(&shorten(&long)), Ok(long));
    }

    #[test]
    fn base64url_matches_the_standard_alphabet() {
        // RFC 4648's test vectors, without padding and with - and _ for + and /.
        for (bytes, text) in [(&b""[..], ""), (b"f", "Zg"), (b"fo", "Zm8"), (b"foo", "Zm9v"), (b"foob", "Zm9vYg"), (b"fooba", "Zm9vYmE"), (b"foobar", "Zm9vYmFy"), (&[0xFB, 0xFF], "-_8")] {
            assert_eq!(base64url(bytes), text);
            assert_eq!(from_base64url(text).as_deref(), Ok(bytes));
        }
    }

    #[test]
    fn a_damaged_code_is_refused_never_a_panic() {
        let code = encode(&twelve_steps());
        assert_eq!(decode("abc*def"), Err(CodeError::NotBase64));
        assert_eq!(decode("A"), Err(CodeError::NotBase64));
        assert_eq!(decode(&"A".repeat(MAX_CODE + 1)), Err(CodeError::TooLarge));
        // Version 2: a link from a later Perplexed.
        assert_eq!(decode(&base64url(&shorten(&[2, 0, 0]))), Err(CodeError::Version));
        assert_eq!(decode(&base64url(&shorten(&[VERSION, 0, 0, 7]))), Err(CodeError::Trailing));
        // Every cut and every one-letter change of a real code: an error or a lesson, no panic.
        for cut in 0..code.len() {
            let _ = decode(&code[..cut]);
        }
        for (i, c) in code.char_indices().step_by(3) {
            for other in ['A', 'z', '-', '_', '9'] {
                if other != c {
                    let mut damaged = code.clone();
                    damaged.replace_range(i..i + 1, &other.to_string());
                    let _ = decode(&damaged);
                }
            }
        }
        // A reference to before the start, and one cut in half.
        assert_eq!(lengthen(&[0x01, 0x00, 0x53]), Err(CodeError::Truncated));
        assert_eq!(lengthen(&[0x01, 0x00]), Err(CodeError::Truncated));
        // More steps than allowed.
        let mut bytes = vec![VERSION, 0];
        put_number(&mut bytes, MAX_STEPS + 1);
        assert_eq!(decode(&base64url(&shorten(&bytes))), Err(CodeError::TooLarge));
    }
}
