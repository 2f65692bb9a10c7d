import { describe, expect, it } from "vitest";
import type { ContractInfo } from "../api/types";
import { contractToForm, formToContract } from "./contract";

const info: ContractInfo = {
  contract_name: "岡山市生活保護レセプト管理システム運用保守業務委託", contract_number: "第1号",
  city_name: "岡山市", city_department: "生活保護・自立支援課", contractor_name: "株式会社吉備情報システム",
  contractor_address: "岡山市北区", contractor_representative: "代表取締役　山田 一郎", signed_on: null,
  period_from: "2026-04-01", period_to: "2027-03-31", city_responsible: "岡本 誠",
  contractor_responsible: "小川 健", contractor_deputy: "大西 亮",
  report_recipients: ["hogo@city.example.lg.jp", "kacho@city.example.lg.jp"],
};

describe("contract form", () => {
  it("round-trips, an unsigned contract has no signing day", () => {
    const f = contractToForm(info);
    expect(f.signed_on).toBe("");
    expect(formToContract(f)).toEqual({ info });
    expect(formToContract({ ...f, signed_on: "2026-03-20" })).toEqual({ info: { ...info, signed_on: "2026-03-20" } });
  });
  it("takes the report addresses one a line, blank lines left out", () => {
    const f = contractToForm(info);
    expect(f.report_recipients).toBe("hogo@city.example.lg.jp\nkacho@city.example.lg.jp");
    const r = formToContract({ ...f, report_recipients: " a@city.example.lg.jp \n\n b@city.example.lg.jp" });
    expect("info" in r && r.info.report_recipients).toEqual(["a@city.example.lg.jp", "b@city.example.lg.jp"]);
  });
  it("the period is required at its fields", () => {
    const r = formToContract({ ...contractToForm(info), period_from: "", period_to: "" });
    expect("error" in r && r.error.fields?.map((e) => e.field)).toEqual(["period_from", "period_to"]);
  });
});
