//! PDF/A-1b: what printpdf does not write, added to its lopdf document before saving.
//!
//! Records the city keeps for years must stay readable without the program that made them:
//! - the XMP metadata stream (ISO 19005-1 6.7): PDF/A identification (part 1, conformance B),
//!   title, author, subject, producer and dates equal to the Info dictionary's (6.7.3), left
//!   unfiltered so a reader without Flate finds it;
//! - an output intent `GTS_PDFA1` with the sRGB profile (6.2.2): the pages paint in DeviceRGB;
//! - the Info dictionary written here in full (UTF-16 text strings), so the two agree;
//! - a `CIDSet` in the descriptor of every subset CIDFont (6.3.5), which printpdf leaves out:
//!   its subsets number their glyphs 0..n with the identity CID-to-glyph map, so the set is
//!   the first n CIDs, n read from the embedded font's `maxp` table;
//! - no encryption (6.1.3): the save options never ask for it, and this module refuses a
//!   document that has it.
//!
//! The fonts (embedded, subset, ToUnicode) and the trailer `/ID` come from the rest of the
//! engine; the tests run Apache PDFBox's preflight over every deliverable.

use chrono::NaiveDateTime;
use lopdf::{Dictionary, Object, Stream, StringFormat};

use super::error::DocError;
use super::model::Document;

/// The sRGB profile (ICC v2) of Debian's icc-profiles-free; see `icc/README.md`.
const SRGB: &[u8] = include_bytes!("../../icc/sRGB.icc");

/// Name written as the PDF's Creator and Producer.
pub(crate) const PRODUCER: &str = "Hoshu Desk";

fn pdf_err(e: impl std::fmt::Display) -> DocError {
    DocError::Pdf(e.to_string())
}

/// A text string as PDF wants non-ASCII text: UTF-16BE with its byte order mark.
fn text_string(s: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in s.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// PDF date string for a Japan-time wall-clock instant.
fn pdf_date(t: NaiveDateTime) -> Object {
    let s = t.format("D:%Y%m%d%H%M%S+09'00'").to_string();
    Object::String(s.into_bytes(), StringFormat::Literal)
}

/// The same instant as XMP writes it.
fn xmp_date(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S+09:00").to_string()
}

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The XMP packet: PDF/A identification and the Info entries, as one RDF description.
pub(crate) fn xmp_packet(doc: &Document) -> String {
    let title = xml_escape(&doc.title);
    let mut dc = format!(
        "<dc:format>application/pdf</dc:format>\
         <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>"
    );
    if let Some(author) = &doc.author {
        dc.push_str(&format!(
            "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>",
            xml_escape(author)
        ));
    }
    if let Some(subject) = &doc.subject {
        dc.push_str(&format!(
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt>\
             </dc:description>",
            xml_escape(subject)
        ));
    }
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\
         <rdf:Description rdf:about=\"\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" \
         xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" \
         xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\
         {dc}\
         <xmp:CreatorTool>{PRODUCER}</xmp:CreatorTool>\
         <xmp:CreateDate>{created}</xmp:CreateDate>\
         <xmp:ModifyDate>{modified}</xmp:ModifyDate>\
         <xmp:MetadataDate>{modified}</xmp:MetadataDate>\
         <pdf:Producer>{PRODUCER}</pdf:Producer>\
         <pdfaid:part>1</pdfaid:part>\
         <pdfaid:conformance>B</pdfaid:conformance>\
         </rdf:Description></rdf:RDF></x:xmpmeta>\n\
         <?xpacket end=\"w\"?>",
        created = xmp_date(doc.created),
        modified = xmp_date(doc.modified),
    )
}

/// The number of glyphs of a TrueType font program (`maxp.numGlyphs`).
fn glyph_count(font: &[u8]) -> Option<u16> {
    let be16 = |at: usize| Some(u16::from_be_bytes(font.get(at..at + 2)?.try_into().ok()?));
    let be32 = |at: usize| Some(u32::from_be_bytes(font.get(at..at + 4)?.try_into().ok()?));
    let tables = usize::from(be16(4)?);
    (0..tables).find_map(|k| {
        let entry = 12 + 16 * k;
        (font.get(entry..entry + 4)? == b"maxp")
            .then(|| be16(usize::try_from(be32(entry + 8)?).ok()? + 4))
            .flatten()
    })
}

/// The CIDSet of CIDs `0..n`: one bit per CID, the first CID in the high bit of the first byte.
fn cid_set(n: u16) -> Vec<u8> {
    let n = usize::from(n);
    let mut bits = vec![0u8; n.div_ceil(8)];
    for cid in 0..n {
        bits[cid / 8] |= 0x80 >> (cid % 8);
    }
    bits
}

/// Adds a CIDSet to the descriptor of every CIDFontType2 of the document.
fn add_cid_sets(lo: &mut lopdf::Document) -> Result<(), DocError> {
    let mut descriptors = Vec::new();
    // printpdf writes each CIDFont inline in its Type0 font's DescendantFonts.
    let descendants = lo
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter_map(|d| d.get(b"DescendantFonts").and_then(Object::as_array).ok())
        .flatten();
    for object in descendants {
        let font = match object {
            Object::Reference(id) => lo.get_dictionary(*id).map_err(pdf_err)?,
            other => other.as_dict().map_err(pdf_err)?,
        };
        if !font
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|n| n == b"CIDFontType2")
        {
            continue;
        }
        let identity = font
            .get(b"CIDToGIDMap")
            .and_then(Object::as_name)
            .is_ok_and(|n| n == b"Identity");
        if !identity {
            return Err(DocError::Pdf(
                "フォントのCIDとグリフの対応が恒等でないため、CIDSetを作れません".into(),
            ));
        }
        descriptors.push(
            font.get(b"FontDescriptor")
                .and_then(Object::as_reference)
                .map_err(pdf_err)?,
        );
    }
    if descriptors.is_empty()
        && lo
            .objects
            .values()
            .any(|o| o.as_dict().is_ok_and(|d| d.get(b"FontFile2").is_ok()))
    {
        return Err(DocError::Pdf(
            "埋め込みフォントの CIDFont が見つかりません".into(),
        ));
    }
    for id in descriptors {
        let file = lo
            .get_dictionary(id)
            .and_then(|d| d.get(b"FontFile2"))
            .and_then(Object::as_reference)
            .map_err(pdf_err)?;
        let stream = lo
            .get_object(file)
            .and_then(Object::as_stream)
            .map_err(pdf_err)?;
        let program = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        let n = glyph_count(&program)
            .ok_or_else(|| DocError::Pdf("埋め込みフォントのグリフ数を読めません".into()))?;
        let set = lo.add_object(Stream::new(Dictionary::new(), cid_set(n)));
        lo.get_dictionary_mut(id)
            .map_err(pdf_err)?
            .set("CIDSet", set);
    }
    Ok(())
}

/// Rewrites the Info dictionary, adds the XMP metadata, the sRGB output intent and the
/// fonts' CIDSets.
pub(crate) fn make_archival(lo: &mut lopdf::Document, doc: &Document) -> Result<(), DocError> {
    if lo.trailer.get(b"Encrypt").is_ok() {
        return Err(DocError::Pdf(
            "暗号化された PDF は長期保存（PDF/A）にできません".into(),
        ));
    }
    if let Ok(old) = lo.trailer.get(b"Info").and_then(Object::as_reference) {
        lo.objects.remove(&old);
    }
    let mut info = Dictionary::new();
    info.set("Title", text_string(&doc.title));
    if let Some(author) = &doc.author {
        info.set("Author", text_string(author));
    }
    if let Some(subject) = &doc.subject {
        info.set("Subject", text_string(subject));
    }
    info.set("Creator", text_string(PRODUCER));
    info.set("Producer", text_string(PRODUCER));
    info.set("CreationDate", pdf_date(doc.created));
    info.set("ModDate", pdf_date(doc.modified));
    let info_id = lo.add_object(info);
    lo.trailer.set("Info", info_id);

    let mut xmp = Stream::new(
        Dictionary::from_iter([
            ("Type", Object::Name(b"Metadata".to_vec())),
            ("Subtype", Object::Name(b"XML".to_vec())),
        ]),
        xmp_packet(doc).into_bytes(),
    );
    // A reader finds the identification without decompressing anything.
    xmp.allows_compression = false;
    let xmp_id = lo.add_object(xmp);

    let profile = Stream::new(
        Dictionary::from_iter([("N", Object::Integer(3))]),
        SRGB.to_vec(),
    );
    let profile_id = lo.add_object(profile);
    let intent = Dictionary::from_iter([
        ("Type", Object::Name(b"OutputIntent".to_vec())),
        ("S", Object::Name(b"GTS_PDFA1".to_vec())),
        (
            "OutputConditionIdentifier",
            text_string("sRGB IEC61966-2.1"),
        ),
        ("Info", text_string("sRGB IEC61966-2.1")),
        ("DestOutputProfile", Object::Reference(profile_id)),
    ]);

    let catalog = lo.catalog_mut().map_err(pdf_err)?;
    catalog.set("Metadata", xmp_id);
    catalog.set(
        "OutputIntents",
        Object::Array(vec![Object::Dictionary(intent)]),
    );
    add_cid_sets(lo)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::PageSize;

    #[test]
    fn xmp_names_pdfa_and_the_info_entries_in_the_same_form() {
        let t0 = chrono::NaiveDate::from_ymd_opt(2026, 4, 13)
            .unwrap()
            .and_hms_opt(17, 30, 0)
            .unwrap();
        let mut doc = Document::new("議事録 <案> & 資料", PageSize::A4Portrait, t0);
        doc.set_author("株式会社吉備情報システム");
        let x = xmp_packet(&doc);
        assert!(x.contains("<pdfaid:part>1</pdfaid:part>"));
        assert!(x.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
        assert!(x.contains("議事録 &lt;案&gt; &amp; 資料"));
        assert!(x.contains("<rdf:li>株式会社吉備情報システム</rdf:li>"));
        assert!(x.contains("<xmp:CreateDate>2026-04-13T17:30:00+09:00</xmp:CreateDate>"));
        assert!(!x.contains("dc:description"), "no subject, no description");
        let Object::String(d, _) = pdf_date(t0) else {
            panic!("a string");
        };
        assert_eq!(d, b"D:20260413173000+09'00'");
        let Object::String(s, _) = text_string("案") else {
            panic!("a string");
        };
        assert_eq!(s, [0xFE, 0xFF, 0x68, 0x48]);
    }

    #[test]
    fn cid_sets_mark_the_first_n_cids() {
        assert_eq!(cid_set(0), Vec::<u8>::new());
        assert_eq!(cid_set(1), [0x80]);
        assert_eq!(cid_set(9), [0xFF, 0x80]);
        assert_eq!(cid_set(16), [0xFF, 0xFF]);
    }

    #[test]
    fn glyph_count_comes_from_maxp() {
        let n = glyph_count(crate::engine::FontFace::Mincho.font_bytes()).unwrap();
        assert!(n > 10_000, "{n}");
        assert_eq!(glyph_count(b"\0\x01\0\0"), None);
    }
}
