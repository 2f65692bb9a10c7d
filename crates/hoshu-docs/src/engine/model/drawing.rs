//! Figures: shapes in a box of fixed height.

use super::{Align, Color, Stroke, TextStyle};

/// An element of a [`Drawing`], in millimetres from the drawing's top-left corner
/// (x to the right, y downwards).
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Line {
        from: (f32, f32),
        to: (f32, f32),
        stroke: Stroke,
    },
    /// A line with a filled arrowhead at `to`.
    Arrow {
        from: (f32, f32),
        to: (f32, f32),
        stroke: Stroke,
        head_mm: f32,
    },
    /// A polyline through `points`, arrowhead at the last point if `arrow`.
    Path {
        points: Vec<(f32, f32)>,
        stroke: Stroke,
        arrow: bool,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        stroke: Option<Stroke>,
        fill: Option<Color>,
    },
    /// Text wrapped to `w`, its first line's top at `y`.
    Text {
        x: f32,
        y: f32,
        w: f32,
        text: String,
        style: TextStyle,
    },
    /// A box with its text wrapped inside and centred vertically (flow-chart node).
    TextBox {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        text: String,
        style: TextStyle,
        stroke: Option<Stroke>,
        fill: Option<Color>,
    },
}

impl Shape {
    pub fn line(from: (f32, f32), to: (f32, f32)) -> Shape {
        Shape::Line {
            from,
            to,
            stroke: Stroke::THIN,
        }
    }

    pub fn arrow(from: (f32, f32), to: (f32, f32)) -> Shape {
        Shape::Arrow {
            from,
            to,
            stroke: Stroke::MEDIUM,
            head_mm: 2.5,
        }
    }

    pub fn rect(x: f32, y: f32, w: f32, h: f32) -> Shape {
        Shape::Rect {
            x,
            y,
            w,
            h,
            stroke: Some(Stroke::THIN),
            fill: None,
        }
    }

    pub fn filled_rect(x: f32, y: f32, w: f32, h: f32, fill: Color) -> Shape {
        Shape::Rect {
            x,
            y,
            w,
            h,
            stroke: None,
            fill: Some(fill),
        }
    }

    pub fn text(x: f32, y: f32, w: f32, text: impl Into<String>, style: TextStyle) -> Shape {
        Shape::Text {
            x,
            y,
            w,
            text: text.into(),
            style,
        }
    }

    /// A flow-chart node: outlined box, Gothic label centred inside.
    pub fn node(x: f32, y: f32, w: f32, h: f32, text: impl Into<String>) -> Shape {
        Shape::TextBox {
            x,
            y,
            w,
            h,
            text: text.into(),
            style: TextStyle::label(9.0).align(Align::Center),
            stroke: Some(Stroke::THIN),
            fill: None,
        }
    }
}

/// A figure of fixed height spanning the text width: flow diagrams, bar charts. Kept on one
/// page.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawing {
    pub height_mm: f32,
    pub shapes: Vec<Shape>,
}

impl Drawing {
    pub fn new(height_mm: f32) -> Drawing {
        Drawing {
            height_mm,
            shapes: Vec::new(),
        }
    }

    pub fn push(&mut self, shape: Shape) -> &mut Drawing {
        self.shapes.push(shape);
        self
    }

    pub fn with(mut self, shape: Shape) -> Drawing {
        self.shapes.push(shape);
        self
    }
}
