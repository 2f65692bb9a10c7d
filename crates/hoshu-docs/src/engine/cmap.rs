//! A font's character-to-glyph map, read once from its `cmap` table into a table indexed by
//! the character. The parsed font of printpdf answers each lookup by walking the cmap's
//! segments one by one: for the two CJK faces that walk was most of the time of a long
//! document, and layout and writing look up every character several times.

use std::collections::HashMap;

/// Glyph ids by character: a dense table for the Basic Multilingual Plane, a map beyond it.
pub(crate) struct CharMap {
    bmp: Vec<u16>,
    other: HashMap<u32, u16>,
}

fn be16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

impl CharMap {
    /// Reads the Unicode subtable of `font` (format 12 when there is one, else format 4);
    /// `None` when the font has neither.
    pub(crate) fn read(font: &[u8]) -> Option<CharMap> {
        let tables = usize::from(be16(font, 4)?);
        let cmap = (0..tables).find_map(|k| {
            let entry = 12 + 16 * k;
            (font.get(entry..entry + 4)? == b"cmap").then(|| be32(font, entry + 8))?
        })? as usize;
        let subtables = usize::from(be16(font, cmap + 2)?);
        let mut format4 = None;
        let mut format12 = None;
        for k in 0..subtables {
            let record = cmap + 4 + 8 * k;
            let (platform, encoding) = (be16(font, record)?, be16(font, record + 2)?);
            let at = cmap + be32(font, record + 4)? as usize;
            let unicode = platform == 0 || (platform == 3 && matches!(encoding, 1 | 10));
            match be16(font, at)? {
                12 if unicode => format12 = Some(at),
                4 if unicode => format4 = Some(at),
                _ => {}
            }
        }
        let mut map = CharMap {
            bmp: vec![0; 0x1_0000],
            other: HashMap::new(),
        };
        match (format12, format4) {
            (Some(at), _) => map.read_format12(font, at)?,
            (None, Some(at)) => map.read_format4(font, at)?,
            (None, None) => return None,
        }
        Some(map)
    }

    fn set(&mut self, ch: u32, gid: u16) {
        match usize::try_from(ch) {
            Ok(i) if i < self.bmp.len() => self.bmp[i] = gid,
            _ => {
                self.other.insert(ch, gid);
            }
        }
    }

    fn read_format12(&mut self, font: &[u8], at: usize) -> Option<()> {
        let groups = be32(font, at + 12)? as usize;
        for g in 0..groups {
            let group = at + 16 + 12 * g;
            let (first, last, glyph) = (
                be32(font, group)?,
                be32(font, group + 4)?,
                be32(font, group + 8)?,
            );
            for ch in first..=last.min(0x10_FFFF) {
                let gid = u16::try_from(glyph + (ch - first)).ok()?;
                self.set(ch, gid);
            }
        }
        Some(())
    }

    fn read_format4(&mut self, font: &[u8], at: usize) -> Option<()> {
        let segments = usize::from(be16(font, at + 6)? / 2);
        let ends = at + 14;
        let starts = ends + 2 * segments + 2;
        let deltas = starts + 2 * segments;
        let offsets = deltas + 2 * segments;
        for s in 0..segments {
            let (first, last) = (be16(font, starts + 2 * s)?, be16(font, ends + 2 * s)?);
            let delta = be16(font, deltas + 2 * s)?;
            let offset_at = offsets + 2 * s;
            let offset = usize::from(be16(font, offset_at)?);
            for ch in first..=last {
                if ch == 0xFFFF {
                    break;
                }
                let gid = if offset == 0 {
                    ch.wrapping_add(delta)
                } else {
                    let at = offset_at + offset + 2 * usize::from(ch - first);
                    match be16(font, at)? {
                        0 => 0,
                        g => g.wrapping_add(delta),
                    }
                };
                self.set(u32::from(ch), gid);
            }
        }
        Some(())
    }

    /// The glyph of `ch`; 0 (`.notdef`) when the font has none.
    pub(crate) fn glyph(&self, ch: char) -> u16 {
        let code = u32::from(ch);
        match usize::try_from(code) {
            Ok(i) if i < self.bmp.len() => self.bmp[i],
            _ => self.other.get(&code).copied().unwrap_or(0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::fonts::FontFace;

    /// The map agrees with the parsed font for every character of the BMP and a few beyond.
    #[test]
    fn agrees_with_the_parsed_font_everywhere() {
        for face in FontFace::ALL {
            let f = face.face().unwrap();
            let map = CharMap::read(face.font_bytes()).unwrap();
            let beyond = ['😀', '\u{20B9F}', '\u{2A6B2}'];
            for ch in (0..=0xFFFF_u32).filter_map(char::from_u32).chain(beyond) {
                let expected = f.parsed.lookup_glyph_index(u32::from(ch)).unwrap_or(0);
                assert_eq!(map.glyph(ch), expected, "{face:?} U+{:04X}", u32::from(ch));
            }
        }
    }

    #[test]
    fn a_font_without_a_cmap_has_no_map() {
        assert!(CharMap::read(b"\0\x01\0\0\0\0\0\0\0\0\0\0").is_none());
    }
}
