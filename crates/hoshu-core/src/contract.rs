//! The contract the desk serves: its name, the parties, the period and the responsible
//! persons. Printed on the submission forms and on every deliverable's cover.
//!
//! The defaults are what the specification (000 第1章, 第5章) states; the contractor's side
//! is blank until the contract is signed and someone enters it.

use crate::validation::ValidationErrors;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub const TEXT_MAX_CHARS: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct ContractInfo {
    /// 業務名.
    pub contract_name: String,
    /// 契約番号 (may be blank until assigned).
    pub contract_number: String,
    /// 委託者: the city.
    pub city_name: String,
    /// 担当課.
    pub city_department: String,
    /// 受託者.
    pub contractor_name: String,
    /// 受託者の住所 (printed in the submitter block of the forms).
    pub contractor_address: String,
    /// 受託者の代表者 (職・氏名): 代表取締役　山田 一郎.
    pub contractor_representative: String,
    /// 契約締結日, once signed.
    pub signed_on: Option<NaiveDate>,
    /// 履行期間.
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    /// The city's person in charge (担当課の責任者).
    pub city_responsible: String,
    /// 業務責任者 (the specification's プロジェクト責任者).
    pub contractor_responsible: String,
    /// 作業責任者 / deputy (the specification's プロジェクト管理者).
    pub contractor_deputy: String,
    /// Where incident reports are mailed (the section's addresses, 000 第7章第2節).
    pub report_recipients: Vec<String>,
}

impl Default for ContractInfo {
    fn default() -> Self {
        ContractInfo {
            contract_name: "岡山市生活保護レセプト管理システム運用保守業務委託".into(),
            contract_number: String::new(),
            city_name: "岡山市".into(),
            city_department: "保健福祉局障害・生活福祉部生活保護・自立支援課".into(),
            contractor_name: String::new(),
            contractor_address: String::new(),
            contractor_representative: String::new(),
            signed_on: None,
            period_from: NaiveDate::from_ymd_opt(2026, 4, 1).unwrap_or_default(),
            period_to: NaiveDate::from_ymd_opt(2027, 3, 31).unwrap_or_default(),
            city_responsible: String::new(),
            contractor_responsible: String::new(),
            contractor_deputy: String::new(),
            report_recipients: Vec::new(),
        }
    }
}

impl ContractInfo {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::new();
        let required = [
            ("contract_name", "業務名", &self.contract_name),
            ("city_name", "委託者", &self.city_name),
            ("city_department", "担当課", &self.city_department),
            ("contractor_name", "受託者", &self.contractor_name),
            (
                "contractor_responsible",
                "業務責任者",
                &self.contractor_responsible,
            ),
        ];
        for (field, label, value) in required {
            e.text(field, label, value, TEXT_MAX_CHARS);
        }
        let optional = [
            ("contract_number", "契約番号", &self.contract_number),
            ("contractor_address", "受託者住所", &self.contractor_address),
            (
                "contractor_representative",
                "受託者代表者",
                &self.contractor_representative,
            ),
            ("city_responsible", "本市責任者", &self.city_responsible),
            ("contractor_deputy", "作業責任者", &self.contractor_deputy),
        ];
        for (field, label, value) in optional {
            e.max_chars(field, label, value, TEXT_MAX_CHARS);
        }
        for (field, label, value) in required.into_iter().chain(optional) {
            if value.chars().any(char::is_control) {
                e.push(
                    field,
                    label,
                    format!("{label}は改行・制御文字を含めずに入力してください。"),
                );
            }
        }
        for (row, a) in self.report_recipients.iter().enumerate() {
            if !crate::report_mail::valid_address(a) {
                e.push_row(
                    "report_recipients",
                    "障害報告の宛先",
                    row,
                    format!(
                        "障害報告の宛先の{}行目「{a}」はメールアドレスの形になっていません。",
                        row + 1
                    ),
                );
            }
        }
        if self.signed_on.is_some_and(|d| d > self.period_from) {
            e.push(
                "signed_on",
                "契約締結日",
                "契約締結日は履行期間の開始日以前にしてください。".into(),
            );
        }
        if self.period_to < self.period_from {
            e.push(
                "period_to",
                "履行期間（終了）",
                "履行期間の終了日は開始日以降にしてください。".into(),
            );
        }
        e.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled() -> ContractInfo {
        ContractInfo {
            contractor_name: "株式会社吉備情報システム".into(),
            contractor_responsible: "小川 健".into(),
            ..ContractInfo::default()
        }
    }

    #[test]
    fn defaults_come_from_the_specification() {
        let c = ContractInfo::default();
        assert_eq!(
            c.contract_name,
            "岡山市生活保護レセプト管理システム運用保守業務委託"
        );
        assert_eq!(c.period_to, NaiveDate::from_ymd_opt(2027, 3, 31).unwrap());
        let e = c.validate().unwrap_err();
        assert_eq!(
            e.field("contractor_name").unwrap().message,
            "受託者を入力してください。"
        );
        assert_eq!(filled().validate(), Ok(()));
    }

    #[test]
    fn period_must_not_end_before_it_starts() {
        let mut c = filled();
        c.period_to = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
        c.contract_number = "第1\n号".into();
        c.signed_on = NaiveDate::from_ymd_opt(2026, 4, 2);
        let e = c.validate().unwrap_err();
        assert!(e.field("period_to").is_some());
        assert_eq!(
            e.field("signed_on").unwrap().message,
            "契約締結日は履行期間の開始日以前にしてください。"
        );
        assert_eq!(
            e.field("contract_number").unwrap().message,
            "契約番号は改行・制御文字を含めずに入力してください。"
        );
    }
}
