//! # Reading a table: CSV and TSV (RFC 4180)
//!
//! A CSV file is records separated by line breaks, fields separated by a delimiter. A field may
//! be quoted: `"a, b"` holds a comma, `"say ""hi"""` holds quotes (a doubled quote is one quote),
//! and a quoted field may run over several lines. The first record is the header: the column
//! names.
//!
//! What this reader accepts, beyond the RFC:
//!
//! - the delimiter is detected from the header line: the most frequent of comma, semicolon and
//!   tab outside quotes (ties in that order; none at all means one column, comma);
//! - line ends `CRLF`, `LF` or a lone `CR`, mixed freely; a UTF-8 byte order mark is dropped;
//! - blank lines (nothing at all between two line breaks) are skipped anywhere, so a trailing
//!   empty line is ignored. A row of empty fields (`,,`) is not blank: it is a row of missing
//!   values;
//! - spaces before an opening quote and after a closing quote are allowed (` "a" ,b`); a quote
//!   inside an unquoted field is an ordinary character (`5'11"` is a valid field);
//! - header names are trimmed; an empty name becomes `column_k` and a repeated one `name_2`,
//!   `name_3`… — each reported as a [`CsvWarning`], not an error.
//!
//! Everything else is an error a learner can act on: a [`CsvError`] with the line (1-based,
//! counted as the file shows it, line breaks inside quoted fields included), the column (the
//! 1-based field number; 0 when the error is about the whole line or file) and a
//! [`CsvErrorReason`] with its numbers — data, not an English sentence, so the page can say it in
//! the visitor's language.
//!
//! Limits keep a browser tab alive: at most [`MAX_ROWS`] data rows, [`MAX_COLUMNS`] columns and
//! [`MAX_BYTES`] bytes of input.
//!
//! The reader works on bytes: every structural character (`"`, delimiter, `CR`, `LF`) is ASCII and
//! never occurs inside a multi-byte UTF-8 character, so each field is cut first and checked as
//! UTF-8 when it is complete — an invalid byte is reported at its own line and field with no
//! pass over the whole file first.
//!
//! [`CsvReader`] parses a slice of rows per call ([`feed`](CsvReader::feed), or
//! [`Stepping::step`]), so the page can read 50,000 rows without freezing a frame; [`parse`] is
//! the one-shot call on top of it. The cells come out as text in a [`RawTable`]; their types are
//! decided later ([`super::cells`]).

use std::fmt;

use crate::shared::slug_enum;
use crate::stepping::{Progress, Stepping};

/// At most this many data rows (the header not counted).
pub const MAX_ROWS: usize = 50_000;
/// At most this many columns.
pub const MAX_COLUMNS: usize = 100;
/// At most this many bytes of input (20 MiB): with short cells (about 4 bytes with the delimiter)
/// 50,000 × 100 fits; a table of long numbers meets this limit first.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;
/// Rows read by one [`Stepping::step`] of a [`CsvReader`].
pub const ROWS_PER_STEP: usize = 500;

slug_enum! {
    /// The character between fields.
    pub enum Delimiter {
        Comma => "comma",
        Semicolon => "semicolon",
        Tab => "tab",
    }
}

impl Delimiter {
    /// The delimiter as a byte.
    pub fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
            Delimiter::Tab => b'\t',
        }
    }
}

/// Why a file cannot be read: one sentence template each on the page, with its numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvErrorReason {
    /// Nothing but blank lines (or nothing at all).
    Empty,
    /// A header and no data row.
    OnlyHeader,
    /// A row with another number of fields than the header.
    Ragged { expected: usize, found: usize },
    /// A quoted field that never closes; the line is where its quote opened.
    UnterminatedQuote,
    /// Characters after a field's closing quote (`"a"b`): usually a quote inside a quoted field
    /// that should have been doubled.
    TextAfterQuote,
    /// Bytes that are not UTF-8 text (a file saved in another encoding, or not a text file).
    InvalidUtf8,
    /// A NUL byte: not a text file.
    NulByte,
    /// More than `limit` data rows.
    TooManyRows { limit: usize },
    /// A header of `found` columns, more than `limit`.
    TooManyColumns { limit: usize, found: usize },
    /// An input of `found` bytes, more than `limit`.
    TooManyBytes { limit: usize, found: usize },
}

/// A file that cannot be read, and where: `line` is 1-based as an editor shows it (0 for the
/// whole input), `column` the 1-based field number (0 for the whole line or input).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvError {
    pub line: usize,
    pub column: usize,
    pub reason: CsvErrorReason,
}

impl CsvError {
    fn new(line: usize, column: usize, reason: CsvErrorReason) -> Self {
        Self { line, column, reason }
    }
}

/// English, for native tests and logs; the page writes its own sentence from the fields.
impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use CsvErrorReason as R;
        match &self.reason {
            R::Empty => write!(f, "the file is empty"),
            R::OnlyHeader => write!(f, "line {}: a header but no data rows", self.line),
            R::Ragged { expected, found } => {
                write!(f, "line {}: {found} fields where the header has {expected}", self.line)
            }
            R::UnterminatedQuote => {
                write!(f, "line {}, column {}: a quote opens here and never closes", self.line, self.column)
            }
            R::TextAfterQuote => write!(
                f,
                "line {}, column {}: text after a closing quote (a quote inside quotes is written \"\")",
                self.line, self.column
            ),
            R::InvalidUtf8 => write!(f, "line {}, column {}: bytes that are not UTF-8 text", self.line, self.column),
            R::NulByte => write!(f, "line {}, column {}: a NUL byte (not a text file)", self.line, self.column),
            R::TooManyRows { limit } => write!(f, "line {}: more than {limit} rows", self.line),
            R::TooManyColumns { limit, found } => write!(f, "{found} columns, more than {limit}"),
            R::TooManyBytes { limit, found } => write!(f, "{found} bytes, more than {limit}"),
        }
    }
}

impl std::error::Error for CsvError {}

/// What was wrong with a header name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderIssue {
    /// The name is empty (or only spaces).
    Empty,
    /// The same name as column `first` (1-based).
    Duplicate { first: usize },
}

/// A header name that had to be changed to make every name present and unique.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvWarning {
    /// 1-based column.
    pub column: usize,
    pub issue: HeaderIssue,
    /// The name as written (trimmed).
    pub given: String,
    /// The name the column has now.
    pub renamed: String,
}

/// One column's cells as text: every cell in one buffer, cell `r` ending at `ends[r]`.
/// One allocation per column instead of one per cell (5 million cells at the limits).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct RawColumn {
    text: String,
    ends: Vec<u32>,
}

impl RawColumn {
    fn cell(&self, row: usize) -> Option<&str> {
        let end = *self.ends.get(row)? as usize;
        let start = match row {
            0 => 0,
            _ => *self.ends.get(row - 1)? as usize,
        };
        self.text.get(start..end)
    }
}

/// A parsed file: column names and every cell as text (untrimmed, quotes removed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawTable {
    names: Vec<String>,
    columns: Vec<RawColumn>,
    n_rows: usize,
    delimiter: Delimiter,
    warnings: Vec<CsvWarning>,
}

impl RawTable {
    /// Column names, trimmed and unique.
    pub fn names(&self) -> &[String] {
        &self.names
    }
    /// Data rows (the header not counted).
    pub fn n_rows(&self) -> usize {
        self.n_rows
    }
    pub fn n_columns(&self) -> usize {
        self.names.len()
    }
    /// The delimiter that was used.
    pub fn delimiter(&self) -> Delimiter {
        self.delimiter
    }
    /// Header names that were renamed.
    pub fn warnings(&self) -> &[CsvWarning] {
        &self.warnings
    }
    /// The cell at data row `row` (0-based) and column `column`, as written (quotes removed).
    pub fn cell(&self, row: usize, column: usize) -> Option<&str> {
        self.columns.get(column)?.cell(row)
    }
    /// Column `column`'s cells from the first row to the last (empty for a missing column).
    pub fn column_cells(&self, column: usize) -> impl Iterator<Item = &str> + '_ {
        let col = self.columns.get(column);
        let n = col.map_or(0, |c| c.ends.len());
        (0..n).filter_map(move |r| col.and_then(|c| c.cell(r)))
    }
}

/// Where the reader is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum State {
    /// Header not read yet.
    Start,
    /// Header read, rows being read.
    Rows,
    Finished,
    Failed(CsvError),
}

/// Reads a CSV or TSV file a slice of rows at a time (see the module docs).
#[derive(Debug, Clone)]
pub struct CsvReader {
    bytes: Vec<u8>,
    /// Next byte to read.
    pos: usize,
    /// Line of `pos`, 1-based.
    line: usize,
    forced: Option<Delimiter>,
    delimiter: Delimiter,
    names: Vec<String>,
    warnings: Vec<CsvWarning>,
    header_line: usize,
    columns: Vec<RawColumn>,
    n_rows: usize,
    state: State,
    /// The record being read: its fields' text end to end, and where each field ends.
    record: String,
    record_ends: Vec<usize>,
    /// A quoted field being unescaped.
    quoted: Vec<u8>,
}

impl CsvReader {
    /// A reader of `bytes` that detects the delimiter from the header line.
    pub fn new(bytes: Vec<u8>) -> Self {
        Self {
            bytes,
            pos: 0,
            line: 1,
            forced: None,
            delimiter: Delimiter::Comma,
            names: Vec::new(),
            warnings: Vec::new(),
            header_line: 0,
            columns: Vec::new(),
            n_rows: 0,
            state: State::Start,
            record: String::new(),
            record_ends: Vec::new(),
            quoted: Vec::new(),
        }
    }

    /// A reader of `bytes` with the delimiter given instead of detected.
    pub fn with_delimiter(bytes: Vec<u8>, delimiter: Delimiter) -> Self {
        Self { forced: Some(delimiter), ..Self::new(bytes) }
    }

    /// Reads the header if not yet read, then up to `max_rows` data rows. Returns the rows read
    /// by this call (0 once finished); an error stops the reader and every later call returns it.
    pub fn feed(&mut self, max_rows: usize) -> Result<usize, CsvError> {
        match &self.state {
            State::Failed(e) => return Err(e.clone()),
            State::Finished => return Ok(0),
            State::Start | State::Rows => {}
        }
        let result = self.feed_rows(max_rows);
        if let Err(e) = &result {
            self.state = State::Failed(e.clone());
        }
        result
    }

    /// Data rows read so far.
    pub fn rows_read(&self) -> usize {
        self.n_rows
    }

    /// The column names, once the header is read (empty before).
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The delimiter, once the header is read.
    pub fn delimiter(&self) -> Option<Delimiter> {
        (!matches!(self.state, State::Start)).then_some(self.delimiter)
    }

    /// The error that stopped the reader, if any.
    pub fn error(&self) -> Option<&CsvError> {
        match &self.state {
            State::Failed(e) => Some(e),
            _ => None,
        }
    }

    /// Reads whatever is left and returns the table.
    pub fn finish(mut self) -> Result<RawTable, CsvError> {
        while !self.done() {
            self.feed(usize::MAX)?;
        }
        if let State::Failed(e) = self.state {
            return Err(e);
        }
        Ok(RawTable {
            names: self.names,
            columns: self.columns,
            n_rows: self.n_rows,
            delimiter: self.delimiter,
            warnings: self.warnings,
        })
    }

    fn feed_rows(&mut self, max_rows: usize) -> Result<usize, CsvError> {
        if self.state == State::Start {
            self.read_header()?;
            self.state = State::Rows;
            self.skip_blank_lines();
            if self.pos >= self.bytes.len() {
                return Err(CsvError::new(self.header_line, 0, CsvErrorReason::OnlyHeader));
            }
        }
        let expected = self.names.len();
        let delimiter = self.delimiter.byte();
        let mut read = 0;
        while read < max_rows && self.pos < self.bytes.len() {
            if self.n_rows == MAX_ROWS {
                return Err(CsvError::new(self.line, 0, CsvErrorReason::TooManyRows { limit: MAX_ROWS }));
            }
            let line = self.read_record(delimiter)?;
            let found = self.record_ends.len();
            if found != expected {
                let column = found.min(expected) + 1;
                return Err(CsvError::new(line, column, CsvErrorReason::Ragged { expected, found }));
            }
            let mut start = 0;
            for (column, &end) in self.columns.iter_mut().zip(&self.record_ends) {
                column.text.push_str(self.record.get(start..end).unwrap_or_default());
                // Below MAX_BYTES, so every offset fits in a u32.
                column.ends.push(column.text.len() as u32);
                start = end;
            }
            self.n_rows += 1;
            read += 1;
            self.skip_blank_lines();
        }
        if self.pos >= self.bytes.len() {
            self.state = State::Finished;
        }
        Ok(read)
    }

    fn read_header(&mut self) -> Result<(), CsvError> {
        let len = self.bytes.len();
        if len > MAX_BYTES {
            return Err(CsvError::new(0, 0, CsvErrorReason::TooManyBytes { limit: MAX_BYTES, found: len }));
        }
        if self.bytes.starts_with(b"\xEF\xBB\xBF") {
            self.pos = 3;
        }
        self.skip_blank_lines();
        if self.pos >= len {
            return Err(CsvError::new(0, 0, CsvErrorReason::Empty));
        }
        self.delimiter = match self.forced {
            Some(d) => d,
            None => detect_delimiter(self.bytes.get(self.pos..).unwrap_or_default()),
        };
        self.header_line = self.read_record(self.delimiter.byte())?;
        let found = self.record_ends.len();
        if found > MAX_COLUMNS {
            return Err(CsvError::new(
                self.header_line,
                MAX_COLUMNS + 1,
                CsvErrorReason::TooManyColumns { limit: MAX_COLUMNS, found },
            ));
        }
        let mut given = Vec::with_capacity(found);
        let mut start = 0;
        for &end in &self.record_ends {
            given.push(self.record.get(start..end).unwrap_or_default().trim().to_string());
            start = end;
        }
        let (names, warnings) = unique_names(&given);
        self.names = names;
        self.warnings = warnings;
        self.columns = vec![RawColumn::default(); found];
        Ok(())
    }

    /// Skips line breaks with nothing between them.
    fn skip_blank_lines(&mut self) {
        while let Some(&b) = self.bytes.get(self.pos) {
            match b {
                b'\n' => self.pos += 1,
                b'\r' => {
                    self.pos += 1;
                    if self.bytes.get(self.pos) == Some(&b'\n') {
                        self.pos += 1;
                    }
                }
                _ => return,
            }
            self.line += 1;
        }
    }

    /// Reads the record at `pos` (which is neither the end nor a blank line) into `record` and
    /// `record_ends`, and moves past its line break. Returns the line the record starts on.
    fn read_record(&mut self, delimiter: u8) -> Result<usize, CsvError> {
        self.record.clear();
        self.record_ends.clear();
        let start_line = self.line;
        loop {
            let column = self.record_ends.len() + 1;
            self.read_field(delimiter, column)?;
            self.record_ends.push(self.record.len());
            match self.bytes.get(self.pos) {
                None => break,
                Some(&b) if b == delimiter => self.pos += 1,
                Some(b'\n') => {
                    self.pos += 1;
                    self.line += 1;
                    break;
                }
                Some(b'\r') => {
                    self.pos += 1;
                    if self.bytes.get(self.pos) == Some(&b'\n') {
                        self.pos += 1;
                    }
                    self.line += 1;
                    break;
                }
                // `read_field` stops only at a delimiter, a line break or the end.
                Some(_) => return Err(CsvError::new(self.line, column, CsvErrorReason::TextAfterQuote)),
            }
        }
        Ok(start_line)
    }

    /// Reads one field at `pos` into `record`, stopping at the delimiter, line break or end
    /// after it.
    fn read_field(&mut self, delimiter: u8, column: usize) -> Result<(), CsvError> {
        let bytes = &self.bytes;
        let mut quote = self.pos;
        while bytes.get(quote) == Some(&b' ') {
            quote += 1;
        }
        if bytes.get(quote) != Some(&b'"') {
            // Unquoted: everything up to the delimiter or the line's end.
            let start = self.pos;
            let mut end = start;
            while let Some(&b) = bytes.get(end) {
                if b == delimiter || b == b'\n' || b == b'\r' {
                    break;
                }
                if b == 0 {
                    return Err(CsvError::new(self.line, column, CsvErrorReason::NulByte));
                }
                end += 1;
            }
            let text = std::str::from_utf8(bytes.get(start..end).unwrap_or_default())
                .map_err(|_| CsvError::new(self.line, column, CsvErrorReason::InvalidUtf8))?;
            self.record.push_str(text);
            self.pos = end;
            return Ok(());
        }

        let open_line = self.line;
        let mut line = self.line;
        let mut p = quote + 1;
        self.quoted.clear();
        loop {
            match bytes.get(p) {
                None => return Err(CsvError::new(open_line, column, CsvErrorReason::UnterminatedQuote)),
                Some(b'"') => {
                    if bytes.get(p + 1) == Some(&b'"') {
                        self.quoted.push(b'"');
                        p += 2;
                    } else {
                        p += 1;
                        break;
                    }
                }
                Some(b'\n') => {
                    self.quoted.push(b'\n');
                    p += 1;
                    line += 1;
                }
                Some(b'\r') => {
                    self.quoted.push(b'\r');
                    p += 1;
                    if bytes.get(p) == Some(&b'\n') {
                        self.quoted.push(b'\n');
                        p += 1;
                    }
                    line += 1;
                }
                Some(0) => return Err(CsvError::new(line, column, CsvErrorReason::NulByte)),
                Some(&b) => {
                    self.quoted.push(b);
                    p += 1;
                }
            }
        }
        while bytes.get(p) == Some(&b' ') {
            p += 1;
        }
        match bytes.get(p) {
            None => {}
            Some(&b) if b == delimiter || b == b'\n' || b == b'\r' => {}
            Some(_) => return Err(CsvError::new(line, column, CsvErrorReason::TextAfterQuote)),
        }
        match std::str::from_utf8(&self.quoted) {
            Ok(text) => self.record.push_str(text),
            Err(e) => {
                let before = self.quoted.get(..e.valid_up_to()).unwrap_or_default();
                let bad_line = open_line + line_breaks(before);
                return Err(CsvError::new(bad_line, column, CsvErrorReason::InvalidUtf8));
            }
        }
        self.line = line;
        self.pos = p;
        Ok(())
    }
}

/// Reads rows [`ROWS_PER_STEP`] at a time. Progress counts bytes read, since the number of rows
/// is known only at the end.
impl Stepping for CsvReader {
    fn step(&mut self) {
        // An error is kept in the reader (`error()`) and ends it.
        let _ = self.feed(ROWS_PER_STEP);
    }
    fn done(&self) -> bool {
        matches!(self.state, State::Finished | State::Failed(_))
    }
    fn progress(&self) -> Progress {
        let total = self.bytes.len();
        let done = if self.done() { total } else { self.pos.min(total) };
        Progress { done, total: Some(total) }
    }
}

/// A table as CSV text, the way [`parse`] reads it back: fields separated by commas, lines
/// ended by `\n`; a field is quoted when it holds a comma, a quote, a line break or starts or ends
/// with a space, and a quote inside it is doubled (RFC 4180). What the data lab downloads.
pub fn write(header: &[String], rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for line in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        for (i, field) in line.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let quoted = field.contains([',', '"', '\n', '\r']) || field.starts_with(' ') || field.ends_with(' ');
            if quoted {
                out.push('"');
                out.push_str(&field.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(field);
            }
        }
        out.push('\n');
    }
    out
}

/// Parses a whole file at once: [`CsvReader`] run to the end.
pub fn parse(text: &str) -> Result<RawTable, CsvError> {
    CsvReader::new(text.as_bytes().to_vec()).finish()
}

/// [`parse`] for bytes that may not be UTF-8 (a file as the browser hands it over).
pub fn parse_bytes(bytes: Vec<u8>) -> Result<RawTable, CsvError> {
    CsvReader::new(bytes).finish()
}

/// Line breaks in `bytes`, a `CRLF` counting once.
fn line_breaks(bytes: &[u8]) -> usize {
    let mut n = 0;
    let mut previous = 0u8;
    for &b in bytes {
        if (b == b'\n' && previous != b'\r') || b == b'\r' {
            n += 1;
        }
        previous = b;
    }
    n
}

/// The most frequent of comma, semicolon and tab on the first line outside quotes; ties and
/// none at all go to the earlier in that list.
fn detect_delimiter(bytes: &[u8]) -> Delimiter {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in bytes {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let mut best = 0;
    for (i, &c) in counts.iter().enumerate() {
        if c > counts[best] {
            best = i;
        }
    }
    Delimiter::ALL[best]
}

/// Makes every name present and unique: an empty name becomes `column_k` (k its 1-based
/// position), a repeat of an earlier name `name_2`, `name_3`… — never a name some other
/// column was given.
fn unique_names(given: &[String]) -> (Vec<String>, Vec<CsvWarning>) {
    let mut names: Vec<String> = Vec::with_capacity(given.len());
    let mut warnings = Vec::new();
    for (i, name) in given.iter().enumerate() {
        let earlier = given.get(..i).unwrap_or_default().iter().position(|g| g == name);
        let (base, issue) = match earlier {
            _ if name.is_empty() => (format!("column_{}", i + 1), HeaderIssue::Empty),
            Some(first) => (name.clone(), HeaderIssue::Duplicate { first: first + 1 }),
            None => {
                names.push(name.clone());
                continue;
            }
        };
        // Taken: a name already given out, or one a later column was given as written.
        let taken = |candidate: &str| names.iter().any(|n| n == candidate) || given.iter().any(|g| g == candidate);
        let mut renamed = base.clone();
        let mut k = 2;
        while taken(&renamed) {
            renamed = format!("{base}_{k}");
            k += 1;
        }
        warnings.push(CsvWarning { column: i + 1, issue, given: name.clone(), renamed: renamed.clone() });
        names.push(renamed);
    }
    (names, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_count_crlf_once() {
        assert_eq!(line_breaks(b"a\r\nb\nc\rd"), 3);
        assert_eq!(line_breaks(b"\r\r\n\n"), 3);
        assert_eq!(line_breaks(b""), 0);
    }

    #[test]
    fn names_are_made_unique_without_stealing_a_later_name() {
        let given: Vec<String> = ["a", "a", "a_2", "", "a"].iter().map(|s| s.to_string()).collect();
        let (names, warnings) = unique_names(&given);
        // The second "a" would be "a_2", but column 3 is called that: it gets "a_3". The empty
        // fourth name becomes "column_4", and the last "a" the next free suffix, "a_4".
        assert_eq!(names, ["a", "a_3", "a_2", "column_4", "a_4"]);
        assert_eq!(warnings.len(), 3);
        assert_eq!(warnings[0].issue, HeaderIssue::Duplicate { first: 1 });
        assert_eq!(warnings[1].issue, HeaderIssue::Empty);
    }

    #[test]
    fn the_delimiter_is_counted_outside_quotes() {
        assert_eq!(detect_delimiter(b"a;b;c\n1,2,3"), Delimiter::Semicolon);
        assert_eq!(detect_delimiter(b"\"a,b,c\";d\n"), Delimiter::Semicolon);
        assert_eq!(detect_delimiter(b"a\tb,c\td"), Delimiter::Tab);
        assert_eq!(detect_delimiter(b"a;b,c"), Delimiter::Comma, "a tie goes to the comma");
        assert_eq!(detect_delimiter(b"alone"), Delimiter::Comma);
    }
}
