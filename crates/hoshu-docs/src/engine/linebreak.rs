//! Line breaking: UAX #14 break opportunities (unicode-linebreak) narrowed by Japanese kinsoku
//! rules (JIS X 4051 style), then a greedy fill by real advance widths.
//!
//! - A line never starts with a closing bracket, 、。，．, ！？, ー, ・, 々, iteration marks
//!   or a small kana (行頭禁則), and never ends with an opening bracket (行末禁則).
//! - When such a character does not fit, the character before it is pushed down to the next
//!   line with it (追い出し). Only if a whole line consists of one unbreakable run does the
//!   breaker cut inside it, and then never before a line-start-prohibited character: if no
//!   legal cut exists the punctuation hangs past the margin (ぶら下げ) instead.
//! - Explicit `\n` always ends a line; spaces at the end of a line do not count against the
//!   width and are dropped.

use unicode_linebreak::{BreakOpportunity, linebreaks};

/// Characters that must not begin a line (行頭禁則文字).
pub fn is_no_start(ch: char) -> bool {
    matches!(
        ch,
        // Closing brackets and quotes.
        ')' | ']' | '}' | '）' | '］' | '｝' | '〕' | '〉' | '》' | '」' | '』' | '】' | '〙'
            | '〗' | '〟' | '’' | '”' | '｠' | '»' | '｣'
            // Sentence and phrase punctuation.
            | ',' | '.' | ':' | ';' | '!' | '?' | '、' | '。' | '，' | '．' | '：' | '；'
            | '！' | '？' | '‼' | '⁇' | '⁈' | '⁉' | '･' | '・' | '｡' | '､'
            // Prolonged sound mark, iteration marks, voicing marks.
            | 'ー' | 'ｰ' | '〜' | '～' | 'ヽ' | 'ヾ' | 'ゝ' | 'ゞ' | '々' | '〻' | '゛' | '゜'
            | 'ﾞ' | 'ﾟ'
            // Small kana.
            | 'ぁ' | 'ぃ' | 'ぅ' | 'ぇ' | 'ぉ' | 'っ' | 'ゃ' | 'ゅ' | 'ょ' | 'ゎ' | 'ゕ' | 'ゖ'
            | 'ァ' | 'ィ' | 'ゥ' | 'ェ' | 'ォ' | 'ッ' | 'ャ' | 'ュ' | 'ョ' | 'ヮ' | 'ヵ' | 'ヶ'
            | 'ｧ' | 'ｨ' | 'ｩ' | 'ｪ' | 'ｫ' | 'ｯ' | 'ｬ' | 'ｭ' | 'ｮ'
            | '\u{31F0}'
            ..='\u{31FF}'
            // Units that follow a number.
            | '%' | '％' | '‰' | '°' | '′' | '″' | '℃'
    )
}

/// Characters that must not end a line (行末禁則文字).
pub fn is_no_end(ch: char) -> bool {
    matches!(
        ch,
        '(' | '['
            | '{'
            | '（'
            | '［'
            | '｛'
            | '〔'
            | '〈'
            | '《'
            | '「'
            | '『'
            | '【'
            | '〘'
            | '〖'
            | '〝'
            | '‘'
            | '“'
            | '｟'
            | '«'
            | '｢'
    )
}

/// Whitespace that may hang past the right edge and is dropped at the end of a line.
/// The ideographic space U+3000 is content (it indents paragraphs), so it is not included.
fn is_hanging_space(ch: char) -> bool {
    ch.is_whitespace() && ch != '\u{3000}' && ch != '\n'
}

/// Breaks `text` into lines no wider than `max_width`, measuring each character with
/// `width`. Units are the caller's (millimetres in the engine). Always returns at least one
/// line; an empty text gives one empty line, and each `\n` starts a new line.
pub fn break_lines(text: &str, max_width: f32, width: impl Fn(char) -> f32) -> Vec<String> {
    let mut lines = Vec::new();
    for hard_line in text.split('\n') {
        break_hard_line(hard_line, max_width, &width, &mut lines);
    }
    lines
}

fn break_hard_line(
    text: &str,
    max_width: f32,
    width: &impl Fn(char) -> f32,
    out: &mut Vec<String>,
) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    if n == 0 {
        out.push(String::new());
        return;
    }
    let widths: Vec<f32> = chars.iter().map(|&(_, c)| width(c)).collect();

    // allowed[i]: a line may start at character i (i.e. break between i-1 and i).
    let mut allowed = vec![false; n + 1];
    allowed[n] = true;
    {
        let mut ci = 0;
        for (byte, op) in linebreaks(text) {
            if op != BreakOpportunity::Allowed && op != BreakOpportunity::Mandatory {
                continue;
            }
            while ci < n && chars[ci].0 < byte {
                ci += 1;
            }
            if ci < n && chars[ci].0 == byte && ci > 0 {
                allowed[ci] = true;
            }
        }
    }
    for i in 1..n {
        if allowed[i] && (is_no_start(chars[i].1) || is_no_end(chars[i - 1].1)) {
            allowed[i] = false;
        }
    }

    const EPS: f32 = 1e-4;
    let mut start = 0;
    while start < n {
        let mut w = 0.0f32;
        let mut last_break: Option<usize> = None;
        let mut i = start;
        let mut brk = n;
        while i < n {
            if i > start && allowed[i] {
                last_break = Some(i);
            }
            let c = chars[i].1;
            if i == start || is_hanging_space(c) || w + widths[i] <= max_width + EPS {
                w += widths[i];
                i += 1;
                continue;
            }
            brk = match last_break {
                Some(b) => b,
                None => forced_break(&chars, start, i),
            };
            break;
        }
        let from = chars[start].0;
        let to = if brk < n { chars[brk].0 } else { text.len() };
        out.push(text[from..to].trim_end_matches(is_hanging_space).to_owned());
        start = brk;
    }
}

/// A break inside an unbreakable run that overflows at character `overflow`: cut as late as
/// possible but never before a line-start-prohibited character; if there is no such place,
/// let those characters hang and cut after them.
fn forced_break(chars: &[(usize, char)], start: usize, overflow: usize) -> usize {
    let mut j = overflow;
    while j > start {
        if !is_no_start(chars[j].1) && !is_no_end(chars[j - 1].1) {
            return j;
        }
        j -= 1;
    }
    let mut j = overflow;
    while j < chars.len() && is_no_start(chars[j].1) {
        j += 1;
    }
    j
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Full-width characters measure 1, everything else 0.5 (like the UD fonts in em).
    fn em(c: char) -> f32 {
        if c.is_ascii() { 0.5 } else { 1.0 }
    }

    fn lines(text: &str, width: f32) -> Vec<String> {
        break_lines(text, width, em)
    }

    fn assert_kinsoku(ls: &[String]) {
        for (i, l) in ls.iter().enumerate() {
            if let Some(first) = l.chars().next() {
                assert!(
                    !is_no_start(first),
                    "line {i} starts with {first:?}: {ls:?}"
                );
            }
            if let Some(last) = l.chars().last() {
                assert!(!is_no_end(last), "line {i} ends with {last:?}: {ls:?}");
            }
        }
    }

    #[test]
    fn fills_lines_to_the_width() {
        assert_eq!(
            lines("あいうえおかきくけこ", 4.0),
            ["あいうえ", "おかきく", "けこ"]
        );
    }

    #[test]
    fn empty_and_explicit_newlines() {
        assert_eq!(lines("", 10.0), [""]);
        assert_eq!(lines("一行目\n\n三行目", 10.0), ["一行目", "", "三行目"]);
        assert_eq!(lines("末尾\n", 10.0), ["末尾", ""]);
    }

    #[test]
    fn pushes_the_previous_character_down_before_punctuation() {
        // 、 would start line 2: お goes down with it (追い出し).
        assert_eq!(
            lines("あいうえお、かきくけこ。", 5.0),
            ["あいうえ", "お、かきく", "けこ。"]
        );
        // 。 exactly at the end fits.
        assert_eq!(
            lines("あいうえ。かきくけこ", 5.0),
            ["あいうえ。", "かきくけこ"]
        );
    }

    #[test]
    fn closing_bracket_and_small_kana_and_long_vowel() {
        assert_eq!(lines("あいう」えお", 3.0), ["あい", "う」え", "お"]);
        assert_eq!(lines("ちょっとまって", 2.0), ["ちょっ", "と", "まっ", "て"]);
        let ls = lines(
            "サーバーのメンテナンスを行ったところ、ジョブが停止した。",
            3.0,
        );
        assert_kinsoku(&ls);
        assert_eq!(
            ls.concat(),
            "サーバーのメンテナンスを行ったところ、ジョブが停止した。"
        );
    }

    #[test]
    fn opening_bracket_never_ends_a_line() {
        let ls = lines("あいう「えお」かき", 4.0);
        assert_eq!(ls, ["あいう", "「えお」", "かき"]);
    }

    #[test]
    fn latin_words_wrap_at_spaces_and_spaces_hang() {
        let ls = lines("Hoshu Desk maintenance report", 6.0);
        assert_eq!(ls, ["Hoshu Desk", "maintenance", "report"]);
        // A word longer than the line is cut.
        let ls = lines("Hoshu Desk maintenance report", 3.0);
        assert_eq!(ls, ["Hoshu", "Desk", "mainte", "nance", "report"]);
        let ls = lines("abc def", 1.5);
        assert_eq!(ls, ["abc", "def"]);
    }

    #[test]
    fn numbers_stay_together_with_their_unit() {
        let ls = lines("処理件数は1,234件で99.5%を達成", 7.0);
        assert_kinsoku(&ls);
        assert!(ls.iter().any(|l| l.contains("99.5%")), "{ls:?}");
    }

    #[test]
    fn narrow_column_hangs_punctuation_rather_than_start_a_line_with_it() {
        // One character per line: 、 and 。 cannot start a line, so they hang.
        let ls = lines("あ、い。", 1.0);
        assert_eq!(ls, ["あ、", "い。"]);
        assert_kinsoku(&ls);
    }

    #[test]
    fn stress_paragraph_respects_kinsoku_at_every_width() {
        let text = "本業務は、生活保護レセプト管理システム（以下「本システム」という。）の運用・保守を行うものである。\
                    障害が発生した場合は、速やかに（原則として30分以内に）報告すること。ジョブ、バッチ、サーバー、\
                    ネットワーク、ファイル……いずれの障害でも、ログ・画面写し・操作記録を添付する。";
        for w in 2..40 {
            let ls = lines(text, w as f32);
            assert_kinsoku(&ls);
            assert_eq!(ls.concat(), text, "width {w}");
            for l in &ls {
                let lw: f32 = l.chars().map(em).sum();
                // Only hanging punctuation may exceed the width, by at most its own width.
                assert!(lw <= w as f32 + 1.0, "width {w}: {l} is {lw}");
            }
        }
    }

    #[test]
    fn a_single_overlong_character_still_makes_progress() {
        assert_eq!(lines("漢字", 0.5), ["漢", "字"]);
    }
}
