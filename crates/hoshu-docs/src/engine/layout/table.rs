//! Tables: column widths, rows that stay whole, the header repeated on every page a table
//! spans, and labelled fields as a two-column table.

use super::*;

/// Column geometry of a table.
pub(super) struct Grid {
    pub(super) xs: Vec<f32>,
    pub(super) widths: Vec<f32>,
}

impl Grid {
    pub(super) fn x0(&self) -> f32 {
        self.xs.first().copied().unwrap_or(0.0)
    }
    pub(super) fn x1(&self) -> f32 {
        self.xs.last().copied().unwrap_or(0.0)
    }
}

/// The part of a table on one page: where it starts and the y of every horizontal rule.
pub(super) struct Segment {
    top: f32,
    rules: Vec<f32>,
}

impl Layouter {
    /// Height of a table's header row plus its first row.
    pub(super) fn table_lead(&self, t: &Table, loc: &str) -> Result<f32, DocError> {
        if t.columns.is_empty() {
            return Ok(0.0);
        }
        let base = TextStyle::new(FontFace::Mincho, t.size_pt).line_height(CELL_LINE_HEIGHT);
        check_style(&base, loc)?;
        let grid = self.grid(&t.columns, loc)?;
        let pitch = line_pitch(&base);
        let mut h = 0.0;
        if t.header {
            let style = TextStyle {
                face: FontFace::GothicBold,
                ..base
            };
            let mut cells = Vec::new();
            for (ci, c) in t.columns.iter().enumerate() {
                let w = grid.widths[ci] - 2.0 * PAD_X;
                cells.push(wrap(&style, &c.title, w, || format!("{loc}の見出し行"))?);
            }
            h += row_height(&cells, pitch);
        }
        if let Some(row) = t.rows.first() {
            let mut cells = Vec::new();
            for (ci, (c, text)) in t.columns.iter().zip(row).enumerate() {
                let face = if c.emphasis {
                    FontFace::GothicBold
                } else {
                    FontFace::Mincho
                };
                let style = TextStyle { face, ..base };
                let w = grid.widths[ci] - 2.0 * PAD_X;
                cells.push(wrap(&style, text, w, || {
                    format!("{loc}の1行{}列目", ci + 1)
                })?);
            }
            h += row_height(&cells, pitch);
        }
        Ok(h)
    }

    pub(super) fn grid(&self, columns: &[Column], loc: &str) -> Result<Grid, DocError> {
        let mut fixed = 0.0f32;
        let mut flex = 0.0f32;
        for c in columns {
            match c.width {
                ColumnWidth::Fixed(w) if w.is_finite() && w > 0.0 => fixed += w,
                ColumnWidth::Flex(w) if w.is_finite() && w > 0.0 => flex += w,
                _ => {
                    return Err(DocError::InvalidLayout(format!(
                        "{loc}の列「{}」の幅が不正です",
                        c.title
                    )));
                }
            }
        }
        let flex_count = columns
            .iter()
            .filter(|c| matches!(c.width, ColumnWidth::Flex(_)))
            .count() as f32;
        let rest = self.width - fixed;
        if rest < -EPS || (flex > 0.0 && rest < 5.0 * flex_count) {
            return Err(DocError::TableTooWide {
                location: loc.to_owned(),
                total: fixed,
                available: self.width,
            });
        }
        let widths: Vec<f32> = columns
            .iter()
            .map(|c| match c.width {
                ColumnWidth::Fixed(w) => w,
                ColumnWidth::Flex(w) => rest * w / flex,
            })
            .collect();
        let mut xs = Vec::with_capacity(widths.len() + 1);
        let mut x = self.left;
        xs.push(x);
        for w in &widths {
            x += w;
            xs.push(x);
        }
        Ok(Grid { xs, widths })
    }

    pub(super) fn table(&mut self, t: &Table, loc: &str) -> Result<(), DocError> {
        if t.columns.is_empty() {
            return Ok(());
        }
        let base = TextStyle::new(FontFace::Mincho, t.size_pt).line_height(CELL_LINE_HEIGHT);
        check_style(&base, loc)?;
        let grid = self.grid(&t.columns, loc)?;
        let pitch = line_pitch(&base);
        let styles: Vec<TextStyle> = t
            .columns
            .iter()
            .map(|c| {
                let face = if c.emphasis {
                    FontFace::GothicBold
                } else {
                    FontFace::Mincho
                };
                TextStyle {
                    face,
                    align: c.align,
                    ..base
                }
            })
            .collect();
        let fills: Vec<Option<Color>> = t
            .columns
            .iter()
            .map(|c| c.emphasis.then_some(Color::LABEL_FILL))
            .collect();

        let header = if t.header {
            let style = TextStyle {
                face: FontFace::GothicBold,
                align: Align::Center,
                ..base
            };
            let mut cells = Vec::with_capacity(t.columns.len());
            for (ci, c) in t.columns.iter().enumerate() {
                let w = grid.widths[ci] - 2.0 * PAD_X;
                cells.push(wrap(&style, &c.title, w, || {
                    format!("{loc}の見出し行{}列目", ci + 1)
                })?);
            }
            let h = row_height(&cells, pitch);
            Some((cells, style, h))
        } else {
            None
        };
        let header_h = header.as_ref().map_or(0.0, |h| h.2);
        let page_capacity = self.bottom - self.top - header_h;
        if page_capacity < pitch + 2.0 * PAD_Y {
            return Err(DocError::TooTall {
                location: format!("{loc}の見出し行"),
                height: header_h,
                available: self.bottom - self.top,
            });
        }

        let draw_header = |l: &mut Layouter, seg: &mut Segment| {
            if let Some((cells, style, h)) = &header {
                let styles = vec![*style; cells.len()];
                let fills = vec![Some(Color::HEADER_FILL); cells.len()];
                l.row(&grid, cells, &styles, &fills, *h, pitch, true);
                seg.rules.push(l.y);
            }
        };

        let mut seg: Option<Segment> = None;
        for (ri, row) in t.rows.iter().enumerate() {
            if row.len() != t.columns.len() {
                return Err(DocError::TableShape {
                    location: format!("{loc}の{}行目", ri + 1),
                    expected: t.columns.len(),
                    found: row.len(),
                });
            }
            let mut cells = Vec::with_capacity(row.len());
            for (ci, text) in row.iter().enumerate() {
                let w = grid.widths[ci] - 2.0 * PAD_X;
                cells.push(wrap(&styles[ci], text, w, || {
                    format!("{loc}の{}行{}列目", ri + 1, ci + 1)
                })?);
            }
            let h = row_height(&cells, pitch);

            if seg.is_none() {
                // Start the table where its header and first row (or the first lines of an
                // oversize row) fit.
                self.fit(header_h + h.min(3.0 * pitch + 2.0 * PAD_Y));
                let mut s = Segment {
                    top: self.y,
                    rules: vec![self.y],
                };
                draw_header(self, &mut s);
                seg = Some(s);
            }
            let Some(s) = seg.as_mut() else { continue };

            if self.y + h <= self.bottom + EPS {
                self.row(&grid, &cells, &styles, &fills, h, pitch, true);
                s.rules.push(self.y);
                continue;
            }
            if h <= page_capacity + EPS {
                self.rules(&grid, s);
                self.new_page();
                *s = Segment {
                    top: self.y,
                    rules: vec![self.y],
                };
                draw_header(self, s);
                self.row(&grid, &cells, &styles, &fills, h, pitch, true);
                s.rules.push(self.y);
                continue;
            }

            // A single row taller than a page: split it between lines.
            let mut rest = cells;
            loop {
                let fit_lines = ((self.bottom - self.y - 2.0 * PAD_Y) / pitch + EPS).floor();
                let fit_lines = if fit_lines >= 1.0 {
                    fit_lines as usize
                } else {
                    0
                };
                if fit_lines == 0 {
                    self.rules(&grid, s);
                    self.new_page();
                    *s = Segment {
                        top: self.y,
                        rules: vec![self.y],
                    };
                    draw_header(self, s);
                    continue;
                }
                let part: Vec<Vec<Line>> = rest
                    .iter_mut()
                    .map(|c| c.drain(..fit_lines.min(c.len())).collect())
                    .collect();
                let done = rest.iter().all(Vec::is_empty);
                let ph = row_height(&part, pitch);
                self.row(&grid, &part, &styles, &fills, ph, pitch, false);
                s.rules.push(self.y);
                if done {
                    break;
                }
                self.rules(&grid, s);
                self.new_page();
                *s = Segment {
                    top: self.y,
                    rules: vec![self.y],
                };
                draw_header(self, s);
            }
        }
        match seg.as_mut() {
            Some(s) => self.rules(&grid, s),
            None => {
                // A table without rows still shows its header.
                if header.is_some() {
                    self.fit(header_h);
                    let mut s = Segment {
                        top: self.y,
                        rules: vec![self.y],
                    };
                    draw_header(self, &mut s);
                    self.rules(&grid, &mut s);
                }
            }
        }
        self.y += 3.0;
        Ok(())
    }

    /// Draws one row's backgrounds and text at the cursor and advances it. Rules are drawn
    /// per page segment by [`Layouter::rules`], after all fills, so no fill covers a rule.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn row(
        &mut self,
        grid: &Grid,
        cells: &[Vec<Line>],
        styles: &[TextStyle],
        fills: &[Option<Color>],
        h: f32,
        pitch: f32,
        centre: bool,
    ) {
        for (ci, fill) in fills.iter().enumerate() {
            if let Some(fill) = fill {
                self.push(Draw::Rect {
                    x: grid.xs[ci],
                    y: self.y,
                    w: grid.widths[ci],
                    h,
                    stroke: None,
                    fill: Some(*fill),
                });
            }
        }
        for (ci, lines) in cells.iter().enumerate() {
            let block = lines.len() as f32 * pitch;
            let mut top = if centre {
                self.y + (h - block) / 2.0
            } else {
                self.y + PAD_Y
            };
            let x = grid.xs[ci] + PAD_X;
            let w = grid.widths[ci] - 2.0 * PAD_X;
            for line in lines {
                let item = text_item(x, w, top, pitch, &styles[ci], line.clone());
                self.push_opt(item);
                top += pitch;
            }
        }
        self.y += h;
    }

    /// The rules of one page segment of a table: every recorded horizontal rule across the
    /// table, and the column rules from the segment's top to its last rule.
    pub(super) fn rules(&mut self, grid: &Grid, seg: &mut Segment) {
        let bottom = seg.rules.last().copied().unwrap_or(seg.top);
        if bottom <= seg.top + EPS {
            return;
        }
        let (x0, x1) = (grid.x0(), grid.x1());
        for y in std::mem::take(&mut seg.rules) {
            self.push(Draw::Line {
                points: vec![(x0, y), (x1, y)],
                stroke: Stroke::THIN,
            });
        }
        for &x in &grid.xs {
            self.push(Draw::Line {
                points: vec![(x, seg.top), (x, bottom)],
                stroke: Stroke::THIN,
            });
        }
    }
}

/// Labelled fields are a headerless two-column table with a shaded label column.
pub(super) fn key_value_table(kv: &KeyValues) -> Table {
    let mut table = Table::new(vec![
        Column::fixed("", kv.key_width_mm)
            .emphasised()
            .align(Align::Center),
        Column::flex("", 1.0),
    ])
    .without_header()
    .size(kv.size_pt);
    for (k, v) in &kv.rows {
        table.row([k.as_str(), v.as_str()]);
    }
    table
}

pub(super) fn row_height(cells: &[Vec<Line>], pitch: f32) -> f32 {
    let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
    lines as f32 * pitch + 2.0 * PAD_Y
}
