//! The address bar as state: parsing and writing `?lab=…&name=value…`.
//!
//! Every lab keeps its whole state in the query string, so a link reproduces exactly what its
//! author saw (seed included). Parsing is forgiving by design: an unknown parameter is ignored,
//! a malformed or out-of-range one falls back to its default and is *reported*, so the page can
//! show a notice instead of a blank screen. The pure functions here are tested natively; the
//! browser glue (reading `location.search`, `history.replaceState`) is at the bottom.

/// One `name=value` pair as it came from the address, already percent-decoded.
pub type Pair = (String, String);

/// A value from the address that was not understood and what was used instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    pub name: String,
    pub raw: String,
}

/// Collects the values of one query string and the rejections met while reading it.
#[derive(Debug, Default)]
pub struct QueryReader {
    pairs: Vec<Pair>,
    pub rejected: Vec<Rejected>,
}

impl QueryReader {
    pub fn new(pairs: Vec<Pair>) -> Self {
        Self { pairs, rejected: Vec::new() }
    }

    /// The last value given for `name` (a later duplicate wins, as in most query parsers).
    pub fn raw(&self, name: &str) -> Option<&str> {
        self.pairs.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// Reads `name` with `parse`; `None` from the parser records a rejection and yields `default`.
    pub fn read<T>(&mut self, name: &str, default: T, parse: impl FnOnce(&str) -> Option<T>) -> T {
        match self.raw(name).map(str::to_owned) {
            None => default,
            Some(raw) => match parse(raw.trim()) {
                Some(v) => v,
                None => {
                    self.reject(name, &raw);
                    default
                }
            },
        }
    }

    /// Records that the value given for `name` could not be used as it was.
    pub fn reject(&mut self, name: &str, raw: &str) {
        if !self.rejected.iter().any(|r| r.name == name) {
            self.rejected.push(Rejected { name: name.to_owned(), raw: raw.to_owned() });
        }
    }
}

/// What a lab's settings are to the address: read from it (forgiving: anything malformed takes
/// its default and is recorded in the reader), written back to it, every parameter spelt out.
/// `Default` is the lab's reset.
pub trait LabParams: Sized + Default {
    /// Reads settings from an address; anything missing takes its default, anything malformed or
    /// out of range takes its default *and* is recorded in `q.rejected` for the notice.
    fn from_query(q: &mut QueryReader) -> Self;

    /// The address of these settings (without `lab=`).
    fn to_query(&self) -> Vec<(&'static str, String)>;

    /// The parameters of `query` (after `lab=<slug>&`) these settings do not understand: what
    /// the registry checks every concept preset with.
    fn rejected_by(query: &str) -> Vec<Rejected> {
        let mut r = QueryReader::new(parse_query(query));
        let _ = Self::from_query(&mut r);
        r.rejected
    }
}

/// Declares a lab's settings once: the struct, its `Default` (the lab's reset) and its address
/// ([`LabParams`]), one line per setting — its name (also its name in the address, unless a
/// `("key")` follows it), type, default, and how the address reads it (`&str → Option<T>`;
/// `None` rejects the value). A setting is written by its [`QueryValue`], or by the function
/// after `write` (`&T → Option<String>`; `None` leaves it out of the address). Rules between
/// settings go in `settle`, run once every setting is read.
///
/// ```ignore
/// lab_params! {
///     pub struct Params {
///         /// Percent of points used for training.
///         train: u32 = 60, int_in(1, 100);
///         val: u32 = 20, int_in(0, 100);
///     }
///     settle(p, q) { settle_split(q, p.train, &mut p.val, 20) }
/// }
/// ```
macro_rules! lab_params {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[doc = $doc:literal])* $field:ident $(($key:literal))? : $ty:ty = $default:expr, $read:expr $(, write $write:expr)? ; )*
        }
        $( settle($p:ident, $q:ident) $settle:block )?
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        pub struct $name { $( $(#[doc = $doc])* pub $field: $ty, )* }

        impl Default for $name {
            fn default() -> Self {
                Self { $( $field: $default, )* }
            }
        }

        impl $crate::query::LabParams for $name {
            fn from_query(q: &mut $crate::query::QueryReader) -> Self {
                let d = <Self as Default>::default();
                #[allow(unused_mut)]
                let mut p = Self { $( $field: q.read(lab_params!(@key $field $($key)?), d.$field, $read), )* };
                $( { let $p = &mut p; let $q = &mut *q; $settle } )?
                p
            }

            fn to_query(&self) -> Vec<(&'static str, String)> {
                let mut pairs = Vec::new();
                $( if let Some(v) = lab_params!(@write self.$field $(, $write)?) { pairs.push((lab_params!(@key $field $($key)?), v)); } )*
                pairs
            }
        }
    };
    (@key $field:ident) => { stringify!($field) };
    (@key $field:ident $key:literal) => { $key };
    (@write $value:expr) => { $crate::query::QueryValue::query_value(&$value) };
    (@write $value:expr, $write:expr) => { ($write)(&$value) };
}
pub(crate) use lab_params;

/// How a setting is written into the address.
pub trait QueryValue {
    /// The value as the address spells it (`None`: left out).
    fn query_value(&self) -> Option<String>;
}

macro_rules! by_display {
    ($($t:ty),*) => { $( impl QueryValue for $t { fn query_value(&self) -> Option<String> { Some(self.to_string()) } } )* };
}
by_display!(u32, usize, i32, bool);

impl QueryValue for f32 {
    fn query_value(&self) -> Option<String> {
        Some(short_float(*self))
    }
}

/// A list is written comma-separated, and always (an empty list means something: no layers).
impl<T: QueryValue> QueryValue for Vec<T> {
    fn query_value(&self) -> Option<String> {
        Some(self.iter().filter_map(T::query_value).collect::<Vec<_>>().join(","))
    }
}

/// Settings enums are written by their slug (`slug(self) -> &'static str`).
macro_rules! by_slug {
    ($($t:ty),* $(,)?) => { $( impl $crate::query::QueryValue for $t { fn query_value(&self) -> Option<String> { Some(self.slug().to_owned()) } } )* };
}
pub(crate) use by_slug;

by_slug!(
    perplexed_core::data::dataset::DatasetKind,
    perplexed_core::data::dataset::Problem,
    perplexed_core::data::features::Feature,
    perplexed_core::data::curve::CurveFunction,
    perplexed_core::nn::activation::Activation,
    perplexed_core::nn::loss::Loss,
    perplexed_core::nn::loss::Regularization,
    perplexed_core::optim::optimizers::OptimizerKind,
    perplexed_core::optim::surface::SurfaceKind,
    perplexed_core::tree::cart::Criterion,
    perplexed_core::cluster::kmeans::Init,
);

/// Settings read from `query`, and the names of the parameters it rejected, sorted (tests).
#[cfg(test)]
pub fn read_query<P: LabParams>(query: &str) -> (P, Vec<String>) {
    let mut r = QueryReader::new(parse_query(query));
    let p = P::from_query(&mut r);
    let mut names: Vec<String> = r.rejected.into_iter().map(|x| x.name).collect();
    names.sort();
    (p, names)
}

/// A lab's settings from an address every part of which must be understood (tests): a
/// rejected setting fails the test, named.
#[cfg(test)]
pub fn understood<P: LabParams>(query: &str) -> P {
    let (p, rejected) = read_query::<P>(query);
    assert!(rejected.is_empty(), "{query}: {rejected:?}");
    p
}

/// Settings written to an address and read back are the same, with nothing rejected (tests).
#[cfg(test)]
pub fn assert_round_trip<P: LabParams + PartialEq + std::fmt::Debug>(p: &P) {
    let (back, rejected) = read_query::<P>(&write_query(&p.to_query()));
    assert_eq!(&back, p);
    assert!(rejected.is_empty(), "{rejected:?}");
}

/// An integer within `lo..=hi`, as the setting's type.
pub fn int_in<T: TryFrom<i64>>(lo: i64, hi: i64) -> impl Fn(&str) -> Option<T> {
    move |s| s.parse::<i64>().ok().filter(|v| (lo..=hi).contains(v)).and_then(|v| T::try_from(v).ok())
}

/// A finite number within `lo..=hi`.
pub fn float_in(lo: f64, hi: f64) -> impl Fn(&str) -> Option<f32> {
    move |s| s.parse::<f64>().ok().filter(|v| v.is_finite() && *v >= lo && *v <= hi).map(|v| v as f32)
}

/// A seed: any 32-bit unsigned integer.
pub fn seed(s: &str) -> Option<u32> {
    s.parse().ok()
}

/// Validation takes at most what training leaves (the rest is the test set): a `val` beyond it
/// is rejected (when the address gave it) and becomes `default_val`, cut to fit.
pub fn settle_split(q: &mut QueryReader, train: u32, val: &mut u32, default_val: u32) {
    if train.saturating_add(*val) > 100 {
        if let Some(raw) = q.raw("val").map(str::to_owned) {
            q.reject("val", &raw);
        }
        *val = default_val.min(100u32.saturating_sub(train));
    }
}

/// `true`/`false` (also `1`/`0`).
pub fn boolean(s: &str) -> Option<bool> {
    match s {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => None,
    }
}

/// Formats a float the shortest way that reads back to the same `f32` (`0.03`, not `0.029999999`).
pub fn short_float(v: f32) -> String {
    let s = format!("{v}");
    if s.contains('e') {
        format!("{}", v as f64)
    } else {
        s
    }
}

/// Splits `a=1&b=x%2Cy` into decoded pairs (a leading `?` is allowed). Used by the tests and by
/// the browser glue, so both read addresses identically.
pub fn parse_query(query: &str) -> Vec<Pair> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

/// Writes pairs as a query string (without the `?`), escaping what must be escaped but leaving
/// commas readable (`layers=4,2`), which keeps shared links legible.
pub fn write_query(pairs: &[(&str, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b',' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], escaped) {
            (_, Some(v)) => {
                out.push(v);
                i += 3;
            }
            (b'+', None) => {
                out.push(b' ');
                i += 1;
            }
            (b, None) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

mod browser {
    use super::*;

    /// The current address's query pairs.
    pub fn current_pairs() -> Vec<Pair> {
        let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
        parse_query(&search)
    }

    /// The current address's last value for `name` (a later duplicate wins, as in
    /// [`QueryReader::raw`]).
    pub fn current_value(name: &str) -> Option<String> {
        current_pairs().into_iter().rev().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    /// Replaces the address's query without adding a history entry (controls move often;
    /// moving between labs is an ordinary link).
    pub fn replace_query(query: &str) {
        let Some(window) = web_sys::window() else { return };
        let Ok(history) = window.history() else { return };
        let path = window.location().pathname().unwrap_or_default();
        let url = if query.is_empty() { path } else { format!("{path}?{query}") };
        let current = format!(
            "{}{}",
            window.location().pathname().unwrap_or_default(),
            window.location().search().unwrap_or_default()
        );
        if current == url {
            return;
        }
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}
pub use browser::*;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_commas_and_escapes_the_rest() {
        let q = write_query(&[("layers", "4,2".into()), ("x", "a b&c".into())]);
        assert_eq!(q, "layers=4,2&x=a%20b%26c");
        let back = parse_query(&format!("?{q}"));
        assert_eq!(back, vec![("layers".into(), "4,2".into()), ("x".into(), "a b&c".into())]);
    }

    #[test]
    fn decoding_tolerates_broken_escapes() {
        assert_eq!(parse_query("a=%2"), vec![("a".into(), "%2".into())]);
        assert_eq!(parse_query("a=%zz&b"), vec![("a".into(), "%zz".into()), ("b".into(), "".into())]);
        assert_eq!(parse_query("a=%E2%82%AC"), vec![("a".into(), "€".into())]);
    }

    #[test]
    fn reader_rejects_out_of_range_and_keeps_default() {
        let mut r = QueryReader::new(parse_query("n=7&m=99&f=abc"));
        assert_eq!(r.read("n", 1u32, int_in(0, 10)), 7);
        assert_eq!(r.read("m", 1u32, int_in(0, 10)), 1);
        assert_eq!(r.read("f", 0.5, float_in(0.0, 1.0)), 0.5);
        assert_eq!(r.read("absent", 3, int_in(0, 10)), 3);
        let names: Vec<_> = r.rejected.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(names, ["m", "f"]);
    }

    #[test]
    fn short_float_reads_back_exactly() {
        for v in [0.03f32, 1e-5, 10.0, 0.003, 3e-4] {
            let s = short_float(v);
            assert_eq!(s.parse::<f32>().unwrap(), v, "{s}");
            assert!(!s.contains('e') || s.len() < 8, "{s}");
        }
    }
}
