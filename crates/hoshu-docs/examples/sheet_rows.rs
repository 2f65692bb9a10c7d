//! Prints the rows of a workbook's first sheet as tab-separated text, read with calamine (the
//! reader the import uses): how the end-to-end tests look inside a list the window exported.
//!
//! `cargo run -p hoshu-docs --example sheet_rows -- 依頼一覧.xlsx`

use calamine::{Data, Reader, open_workbook_auto};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args_os()
        .nth(1)
        .ok_or("使い方: sheet_rows <ブック.xlsx>")?;
    let mut book = open_workbook_auto(&path)?;
    let first = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or("シートがありません")?;
    let sheet = book.worksheet_range(&first)?;
    for row in sheet.rows() {
        let cells: Vec<String> = row
            .iter()
            .map(|c| match c {
                Data::Empty => String::new(),
                Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
                other => other.to_string(),
            })
            .collect();
        println!("{}", cells.join("\t"));
    }
    Ok(())
}
