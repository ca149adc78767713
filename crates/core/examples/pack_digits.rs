//! Regenerates `web/data/digits-8x8.bin`, the CNN lab's download, from `web/data/digits-8x8.csv`
//! (the source of truth, kept beside it): `cargo run -p perplexed-core --example pack_digits`.
//! The test `digits_pack::the_shipped_file_is_the_csv` fails until it is rerun after the CSV
//! changes.

use perplexed_core::data::digits::Digits;
use perplexed_core::data::digits_pack::{pack, unpack};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../web/data");
    let csv = std::fs::read_to_string(root.join("digits-8x8.csv"))?;
    let digits = Digits::parse(&csv)?;
    let packed = pack(&digits);
    if unpack(&packed)? != digits {
        return Err("the packed file does not unpack to the CSV's digits".into());
    }
    std::fs::write(root.join("digits-8x8.bin"), &packed)?;
    println!("{} digits: CSV {} bytes → packed {} bytes", digits.len(), csv.len(), packed.len());
    Ok(())
}
