//! Figures: shapes placed on one page, paths with arrowheads.

use super::*;

impl Layouter {
    pub(super) fn drawing(&mut self, d: &Drawing, loc: &str) -> Result<(), DocError> {
        let h = d.height_mm;
        if !h.is_finite() || h <= 0.0 {
            return Err(DocError::InvalidLayout(format!("{loc}の高さが不正です")));
        }
        let available = self.bottom - self.top;
        if h > available + EPS {
            return Err(DocError::TooTall {
                location: loc.to_owned(),
                height: h,
                available,
            });
        }
        if let Some(si) = d.shapes.iter().position(|s| !shape_is_finite(s)) {
            return Err(DocError::InvalidLayout(format!(
                "{loc}の{}番目の図形の座標または大きさが数値ではありません",
                si + 1
            )));
        }
        if !self.at_top() {
            self.y += 1.5;
        }
        self.fit(h);
        let (ox, oy) = (self.left, self.y);
        let at = |p: (f32, f32)| (ox + p.0, oy + p.1);
        for (si, shape) in d.shapes.iter().enumerate() {
            let sloc = || format!("{loc}の{}番目の図形", si + 1);
            match shape {
                Shape::Line { from, to, stroke } => self.push(Draw::Line {
                    points: vec![at(*from), at(*to)],
                    stroke: *stroke,
                }),
                Shape::Arrow {
                    from,
                    to,
                    stroke,
                    head_mm,
                } => {
                    self.path(vec![at(*from), at(*to)], *stroke, Some(*head_mm));
                }
                Shape::Path {
                    points,
                    stroke,
                    arrow,
                } => {
                    let pts = points.iter().map(|p| at(*p)).collect();
                    self.path(pts, *stroke, arrow.then_some(2.5));
                }
                Shape::Rect {
                    x,
                    y,
                    w,
                    h,
                    stroke,
                    fill,
                } => {
                    let (x, y) = at((*x, *y));
                    self.push(Draw::Rect {
                        x,
                        y,
                        w: *w,
                        h: *h,
                        stroke: *stroke,
                        fill: *fill,
                    });
                }
                Shape::Text {
                    x,
                    y,
                    w,
                    text,
                    style,
                } => {
                    check_style(style, &sloc())?;
                    let lines = wrap(style, text, *w, sloc)?;
                    let pitch = line_pitch(style);
                    let (x, mut top) = at((*x, *y));
                    for line in lines {
                        let item = text_item(x, *w, top, pitch, style, line);
                        self.push_opt(item);
                        top += pitch;
                    }
                }
                Shape::TextBox {
                    x,
                    y,
                    w,
                    h,
                    text,
                    style,
                    stroke,
                    fill,
                } => {
                    check_style(style, &sloc())?;
                    let (bx, by) = at((*x, *y));
                    self.push(Draw::Rect {
                        x: bx,
                        y: by,
                        w: *w,
                        h: *h,
                        stroke: *stroke,
                        fill: *fill,
                    });
                    let inner = (*w - 2.0 * PAD_X).max(1.0);
                    let lines = wrap(style, text, inner, sloc)?;
                    let pitch = line_pitch(style);
                    let mut top = by + (*h - lines.len() as f32 * pitch) / 2.0;
                    for line in lines {
                        let item = text_item(bx + PAD_X, inner, top, pitch, style, line);
                        self.push_opt(item);
                        top += pitch;
                    }
                }
            }
        }
        self.y += h + 2.0;
        Ok(())
    }

    /// A polyline, optionally ending in a filled arrowhead `head` mm long.
    pub(super) fn path(&mut self, mut points: Vec<(f32, f32)>, stroke: Stroke, head: Option<f32>) {
        if points.len() < 2 {
            return;
        }
        if let Some(head) = head {
            let n = points.len();
            let (tx, ty) = points[n - 1];
            let (fx, fy) = points[n - 2];
            let (dx, dy) = (tx - fx, ty - fy);
            let len = (dx * dx + dy * dy).sqrt();
            if len > EPS {
                let head = head.clamp(0.5, len);
                let (ux, uy) = (dx / len, dy / len);
                let (bx, by) = (tx - ux * head, ty - uy * head);
                let hw = head * 0.4;
                // End the shaft inside the head so the line's end cap is hidden.
                points[n - 1] = (tx - ux * head * 0.5, ty - uy * head * 0.5);
                self.push(Draw::Line { points, stroke });
                self.push(Draw::Polygon {
                    points: vec![
                        (tx, ty),
                        (bx - uy * hw, by + ux * hw),
                        (bx + uy * hw, by - ux * hw),
                    ],
                    fill: stroke.color,
                });
                return;
            }
        }
        self.push(Draw::Line { points, stroke });
    }
}

pub(super) fn shape_is_finite(shape: &Shape) -> bool {
    let pt = |p: &(f32, f32)| p.0.is_finite() && p.1.is_finite();
    let stroke = |s: &Stroke| s.width_pt.is_finite() && s.width_pt >= 0.0;
    match shape {
        Shape::Line {
            from,
            to,
            stroke: s,
        } => pt(from) && pt(to) && stroke(s),
        Shape::Arrow {
            from,
            to,
            stroke: s,
            head_mm,
        } => pt(from) && pt(to) && stroke(s) && head_mm.is_finite(),
        Shape::Path {
            points, stroke: s, ..
        } => points.iter().all(pt) && stroke(s),
        Shape::Rect {
            x,
            y,
            w,
            h,
            stroke: s,
            ..
        }
        | Shape::TextBox {
            x,
            y,
            w,
            h,
            stroke: s,
            ..
        } => [x, y, w, h].iter().all(|v| v.is_finite()) && s.as_ref().is_none_or(stroke),
        Shape::Text { x, y, w, .. } => [x, y, w].iter().all(|v| v.is_finite()),
    }
}
