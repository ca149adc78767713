//! Reading CSV and TSV: the accepted forms (quotes, line ends, BOM, delimiters, blank lines,
//! header names), every refusal with its reason, line and column, the incremental reader against
//! the one-shot parse, and random bytes that must never panic.

use perplexed_core::rng::Rng;
use perplexed_core::stepping::{step_within, Stepping};
use perplexed_core::table::csv::{
    parse, parse_bytes, CsvError, CsvErrorReason as R, CsvReader, Delimiter, HeaderIssue, RawTable, MAX_BYTES,
    MAX_COLUMNS, MAX_ROWS,
};

/// Every cell of a parsed table, row by row.
fn rows(t: &RawTable) -> Vec<Vec<String>> {
    (0..t.n_rows()).map(|r| (0..t.n_columns()).map(|c| t.cell(r, c).unwrap().to_string()).collect()).collect()
}

fn err(text: &str) -> CsvError {
    parse(text).expect_err(text)
}

#[test]
fn a_plain_file() {
    let t = parse("a,b,c\n1,2,3\n4,5,6\n").unwrap();
    assert_eq!(t.names(), ["a", "b", "c"]);
    assert_eq!(t.delimiter(), Delimiter::Comma);
    assert_eq!(rows(&t), [["1", "2", "3"], ["4", "5", "6"]]);
    assert!(t.warnings().is_empty());
    assert_eq!(t.cell(2, 0), None, "a row past the end");
    assert_eq!(t.cell(0, 3), None, "a column past the end");
}

#[test]
fn quotes_escapes_embedded_delimiters_and_newlines() {
    let text = "name,quote\n\"Smith, J.\",\"she said \"\"hi\"\"\"\n\"two\nlines\",\"\"\nplain,5'11\"\n";
    let t = parse(text).unwrap();
    assert_eq!(
        rows(&t),
        [["Smith, J.", "she said \"hi\""], ["two\nlines", ""], ["plain", "5'11\""]],
        "a quote inside an unquoted field is kept as it is"
    );
    // Spaces around a quoted field are allowed; spaces in an unquoted one are kept (trimmed later).
    let t = parse("a,b\n  \"x, y\"  , z \n").unwrap();
    assert_eq!(rows(&t), [["x, y", " z "]]);
}

#[test]
fn line_ends_bom_and_blank_lines() {
    let lf = parse("a,b\n1,2\n3,4\n").unwrap();
    for text in [
        "a,b\r\n1,2\r\n3,4\r\n",
        "a,b\r1,2\r3,4\r",
        "a,b\n1,2\r\n3,4",
        "\u{FEFF}a,b\n1,2\n3,4\n",
        "\n\na,b\n\n1,2\n\r\n\n3,4\n\n\n",
    ] {
        assert_eq!(rows(&parse(text).unwrap()), rows(&lf), "{text:?}");
        assert_eq!(parse(text).unwrap().names(), ["a", "b"], "{text:?}");
    }
    // A quoted CRLF is part of the field.
    let t = parse("a,b\r\n\"x\r\ny\",2\r\n").unwrap();
    assert_eq!(rows(&t), [["x\r\ny", "2"]]);
    // A row of empty fields is a row (of missing values), not a blank line.
    assert_eq!(rows(&parse("a,b\n,\n1,2\n").unwrap()), [["", ""], ["1", "2"]]);
}

#[test]
fn tabs_and_semicolons_are_detected_from_the_header() {
    let t = parse("a\tb\tc\n1,5\t2\t3\n").unwrap();
    assert_eq!(t.delimiter(), Delimiter::Tab);
    assert_eq!(rows(&t), [["1,5", "2", "3"]], "a comma in a TSV is just a character");
    let t = parse("x;y\n1,5;2,25\n").unwrap();
    assert_eq!(t.delimiter(), Delimiter::Semicolon);
    assert_eq!(rows(&t), [["1,5", "2,25"]]);
    // Delimiters inside quoted header names do not count: 2 semicolons beat 0 commas outside.
    let t = parse("\"a,b,c\";d;e\n1;2;3\n").unwrap();
    assert_eq!(t.delimiter(), Delimiter::Semicolon);
    assert_eq!(t.names(), ["a,b,c", "d", "e"]);
    // One column: no delimiter at all.
    let t = parse("only\n1\n2\n").unwrap();
    assert_eq!((t.n_rows(), t.n_columns()), (2, 1));
    // Forced: the header's commas are then part of the name.
    let t = CsvReader::with_delimiter(b"a,b;c\n1,2;3\n".to_vec(), Delimiter::Semicolon).finish().unwrap();
    assert_eq!(t.names(), ["a,b", "c"]);
}

#[test]
fn header_names_are_trimmed_and_made_unique_with_warnings() {
    let t = parse(" x ,,x, y,\"\"\n1,2,3,4,5\n").unwrap();
    assert_eq!(t.names(), ["x", "column_2", "x_2", "y", "column_5"]);
    let w = t.warnings();
    assert_eq!(w.len(), 3);
    assert_eq!((w[0].column, &w[0].issue, w[0].given.as_str()), (2, &HeaderIssue::Empty, ""));
    assert_eq!((w[1].column, &w[1].issue, w[1].renamed.as_str()), (3, &HeaderIssue::Duplicate { first: 1 }, "x_2"));
    assert_eq!(w[2].column, 5);
}

#[test]
fn empty_input_and_a_header_alone() {
    for text in ["", "\n", "\r\n\r\n", "\u{FEFF}", "\u{FEFF}\n"] {
        assert_eq!(err(text), CsvError { line: 0, column: 0, reason: R::Empty }, "{text:?}");
    }
    assert_eq!(err("a,b"), CsvError { line: 1, column: 0, reason: R::OnlyHeader });
    assert_eq!(err("a,b\r\n\r\n"), CsvError { line: 1, column: 0, reason: R::OnlyHeader });
    assert_eq!(err("\n\na,b\n"), CsvError { line: 3, column: 0, reason: R::OnlyHeader }, "after two blank lines");
}

#[test]
fn ragged_rows_name_the_first_missing_or_extra_field() {
    // Line 3 has 2 fields of 3: the 3rd is missing.
    assert_eq!(err("a,b,c\n1,2,3\n4,5\n"), CsvError { line: 3, column: 3, reason: R::Ragged { expected: 3, found: 2 } });
    // Line 2 has 4: the 4th is extra.
    assert_eq!(err("a,b,c\n1,2,3,4\n"), CsvError { line: 2, column: 4, reason: R::Ragged { expected: 3, found: 4 } });
    // A trailing delimiter is one more (empty) field.
    assert_eq!(err("a,b\n1,2,\n").reason, R::Ragged { expected: 2, found: 3 });
    // Lines are counted as an editor shows them: the quoted field on line 2 runs to line 3.
    assert_eq!(err("a,b\n\"x\ny\",1\n1\n"), CsvError { line: 4, column: 2, reason: R::Ragged { expected: 2, found: 1 } });
}

#[test]
fn an_unterminated_quote_is_reported_where_it_opened() {
    assert_eq!(err("a,b\n1,\"open\n2,3\n4,5\n"), CsvError { line: 2, column: 2, reason: R::UnterminatedQuote });
    assert_eq!(err("\"a,b\n"), CsvError { line: 1, column: 1, reason: R::UnterminatedQuote });
}

#[test]
fn text_after_a_closing_quote_is_an_error() {
    // `"a "big" deal"`: the inner quotes should have been doubled.
    assert_eq!(err("a,b\n1,\"a \"big\" deal\"\n"), CsvError { line: 2, column: 2, reason: R::TextAfterQuote });
}

#[test]
fn invalid_utf8_and_nul_bytes_are_found_at_their_line_and_field() {
    let e = parse_bytes(b"a,b\n1,2\n3,caf\xE9\n".to_vec()).unwrap_err();
    assert_eq!(e, CsvError { line: 3, column: 2, reason: R::InvalidUtf8 });
    // Inside a quoted field, on its second line (line 3 of the file).
    let e = parse_bytes(b"a,b\n1,\"ok\n\xFF\"\n".to_vec()).unwrap_err();
    assert_eq!(e, CsvError { line: 3, column: 2, reason: R::InvalidUtf8 });
    // A Windows-1252 header.
    let e = parse_bytes(b"caf\xE9,b\n1,2\n".to_vec()).unwrap_err();
    assert_eq!(e, CsvError { line: 1, column: 1, reason: R::InvalidUtf8 });
    let e = parse_bytes(b"a,b\n1,2\n3\x004,5\n".to_vec()).unwrap_err();
    assert_eq!(e, CsvError { line: 3, column: 1, reason: R::NulByte });
    let e = parse_bytes(b"a,b\n1,\"x\ny\x00\"\n".to_vec()).unwrap_err();
    assert_eq!(e, CsvError { line: 3, column: 2, reason: R::NulByte });
    // Valid multi-byte text passes: Hebrew and an emoji.
    let t = parse("שם,ציון\nדנה,🙂\n").unwrap();
    assert_eq!(t.names(), ["שם", "ציון"]);
    assert_eq!(t.cell(0, 1), Some("🙂"));
}

#[test]
fn limits_on_columns_rows_and_bytes() {
    // 100 columns are fine, 101 are not.
    let header = |n: usize| (1..=n).map(|i| format!("c{i}")).collect::<Vec<_>>().join(",");
    let ones = |n: usize| vec!["1"; n].join(",");
    let ok = format!("{}\n{}\n", header(MAX_COLUMNS), ones(MAX_COLUMNS));
    assert_eq!(parse(&ok).unwrap().n_columns(), 100);
    let wide = format!("{}\n{}\n", header(MAX_COLUMNS + 1), ones(MAX_COLUMNS + 1));
    assert_eq!(err(&wide), CsvError { line: 1, column: 101, reason: R::TooManyColumns { limit: 100, found: 101 } });

    // 50,000 data rows are fine; the 50,001st (line 50,002) is not.
    let mut text = String::from("x\n");
    text.push_str(&"1\n".repeat(MAX_ROWS));
    assert_eq!(parse(&text).unwrap().n_rows(), 50_000);
    text.push_str("1\n");
    assert_eq!(err(&text), CsvError { line: 50_002, column: 0, reason: R::TooManyRows { limit: 50_000 } });

    // 20 MiB are fine (if well-formed), one byte more is not — refused before any parsing.
    let mut big = vec![b'x'; MAX_BYTES + 1];
    assert_eq!(
        parse_bytes(big.clone()).unwrap_err(),
        CsvError { line: 0, column: 0, reason: R::TooManyBytes { limit: MAX_BYTES, found: MAX_BYTES + 1 } }
    );
    big.truncate(MAX_BYTES);
    // One header name of 20 MiB and no row: it gets as far as finding no data row.
    assert_eq!(parse_bytes(big).unwrap_err().reason, R::OnlyHeader);
}

/// A file with every feature: quotes, embedded line breaks, CRLF, blank lines, missing cells.
fn varied_file(rows: usize) -> String {
    let mut s = String::from("\u{FEFF}id,name,score,note\r\n");
    for i in 0..rows {
        let note = match i % 5 {
            0 => "\"multi\r\nline, with comma\"".to_string(),
            1 => "\"said \"\"ok\"\"\"".to_string(),
            2 => String::new(),
            3 => "NA".to_string(),
            _ => format!("plain {i}"),
        };
        s.push_str(&format!("{i},name{},{}.{},{note}\r\n", i % 7, i * 3 % 100, i % 10));
        if i % 11 == 0 {
            s.push_str("\r\n");
        }
    }
    s
}

#[test]
fn the_incremental_reader_gives_the_one_shot_table_for_any_slice() {
    let text = varied_file(1_000);
    let whole = parse(&text).unwrap();
    assert_eq!(whole.n_rows(), 1_000);
    assert_eq!(whole.cell(0, 3), Some("multi\r\nline, with comma"));
    assert_eq!(whole.cell(1, 3), Some("said \"ok\""));
    for slice in [1, 7, 64, 999, 1_000, 5_000] {
        let mut reader = CsvReader::new(text.as_bytes().to_vec());
        let mut calls = 0;
        let mut total = 0;
        while !reader.done() {
            total += reader.feed(slice).unwrap();
            calls += 1;
            assert!(reader.rows_read() == total);
        }
        assert_eq!(total, 1_000);
        assert!(calls >= 1_000 / slice, "slice {slice}: {calls} calls");
        assert_eq!(reader.feed(slice), Ok(0), "nothing more once finished");
        assert_eq!(reader.finish().unwrap(), whole, "slice {slice}");
    }
    // Through the stepping contract: progress in bytes, ending at the file's length.
    let mut reader = CsvReader::new(text.as_bytes().to_vec());
    assert_eq!(reader.progress().done, 0);
    let mut last = 0;
    while !reader.done() {
        step_within(&mut reader, 1, 16.0, &|| 0.0);
        let p = reader.progress();
        assert!(p.done >= last && p.total == Some(text.len()));
        last = p.done;
    }
    assert_eq!(last, text.len());
    assert_eq!(reader.finish().unwrap(), whole);
}

#[test]
fn an_error_stops_the_reader_and_is_kept() {
    let mut text = String::from("a,b\n");
    text.push_str(&"1,2\n".repeat(10));
    text.push_str("3\n");
    let mut reader = CsvReader::new(text.into_bytes());
    assert_eq!(reader.feed(4), Ok(4));
    assert_eq!(reader.names(), ["a", "b"]);
    assert_eq!(reader.delimiter(), Some(Delimiter::Comma));
    let e = CsvError { line: 12, column: 2, reason: R::Ragged { expected: 2, found: 1 } };
    assert_eq!(reader.feed(100), Err(e.clone()));
    assert!(reader.done());
    assert_eq!(reader.error(), Some(&e));
    assert_eq!(reader.feed(100), Err(e.clone()), "the same error again");
    reader.step();
    assert_eq!(reader.finish(), Err(e));
}

/// A well-formed random file: 1–4 columns, 1–6 rows, cells from plain text, numbers, markers and
/// quoted fields holding delimiters, quotes and line breaks, random line ends.
fn structured(rng: &mut Rng) -> Vec<u8> {
    let cells = ["1", "-2.5", "1e3", "NA", "", "?", "abc", "\"a,b\"", "\"x\"\"y\"", "\"two\r\nlines\"", "שלום", " 7 "];
    let ends = ["\n", "\r\n", "\r"];
    let (columns, rows) = (1 + rng.below(4), 1 + rng.below(6));
    let delimiter = [",", ";", "\t"][rng.below(3)];
    let mut s = String::new();
    for r in 0..=rows {
        let line: Vec<String> = (0..columns)
            .map(|c| if r == 0 { format!("h{c}") } else { cells[rng.below(cells.len())].to_string() })
            .collect();
        let line = line.join(delimiter);
        // A lone empty cell would be a blank line, which is skipped.
        s.push_str(if line.is_empty() { "NA" } else { &line });
        s.push_str(ends[rng.below(ends.len())]);
    }
    s.into_bytes()
}

/// A few thousand random inputs: fully random bytes, bytes biased towards the characters that
/// matter, well-formed files, and well-formed files with one byte changed. No panic; the
/// incremental reader agrees with the one-shot parse; whatever parses has a consistent shape,
/// and types and profiles.
#[test]
fn random_bytes_never_panic() {
    let alphabet: &[u8] = b"ab1.,;\t\"\"\r\n\n  \xEF\xBB\xBF\x00\xFF\xC3\xA9NA?";
    let mut rng = Rng::new(2121);
    let mut parsed = 0;
    for case in 0..4_000 {
        let bytes: Vec<u8> = match case % 4 {
            0 => (0..rng.below(60)).map(|_| rng.next_u64() as u8).collect(),
            1 => (0..rng.below(60)).map(|_| alphabet[rng.below(alphabet.len())]).collect(),
            2 => structured(&mut rng),
            _ => {
                let mut b = structured(&mut rng);
                let at = rng.below(b.len());
                b[at] = alphabet[rng.below(alphabet.len())];
                b
            }
        };
        let one_shot = parse_bytes(bytes.clone());
        let mut reader = CsvReader::new(bytes.clone());
        let mut guard = 0;
        while !reader.done() && guard < 1_000 {
            let _ = reader.feed(1 + case % 3);
            guard += 1;
        }
        assert!(reader.done(), "{bytes:?} never ends");
        assert_eq!(reader.finish(), one_shot, "{bytes:?}");
        if case % 4 == 2 {
            assert!(one_shot.is_ok(), "a well-formed file: {:?} {one_shot:?}", String::from_utf8_lossy(&bytes));
        }
        if let Ok(t) = one_shot {
            parsed += 1;
            assert!(t.n_rows() >= 1 && t.n_columns() >= 1);
            for r in 0..t.n_rows() {
                for c in 0..t.n_columns() {
                    assert!(t.cell(r, c).is_some(), "{bytes:?}");
                }
            }
            // The typed table and its profile take any parsed table.
            let table = perplexed_core::table::Table::from_raw(t);
            let _ = perplexed_core::table::profile(&table);
        }
    }
    assert!(parsed > 1_200, "enough inputs parse to exercise typing and profiling: {parsed}");
}

/// What the data lab downloads reads back cell for cell: commas, quotes, line breaks, spaces at
/// the ends and an empty field survive; plain fields are written bare.
#[test]
fn written_tables_read_back() {
    use perplexed_core::table::csv::write;
    let header: Vec<String> = vec!["name".into(), "note, with comma".into(), "n".into()];
    let rows: Vec<Vec<String>> = vec![
        vec!["plain".into(), "say \"hi\"".into(), "1.5".into()],
        vec![" padded ".into(), "two\nlines".into(), "".into()],
    ];
    let text = write(&header, &rows);
    assert!(text.starts_with("name,\"note, with comma\",n\nplain,\"say \"\"hi\"\"\",1.5\n"), "{text}");
    let back = parse(&text).unwrap();
    assert_eq!(back.names(), &header[..]);
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            assert_eq!(back.cell(r, c), Some(cell.as_str()), "row {r} column {c}");
        }
    }
}
