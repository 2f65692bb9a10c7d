"""The same 1,000-row register as benches/register.rs, through WeasyPrint, for comparison.

    pip install weasyprint && python3 crates/hoshu-docs/benches/weasyprint_register.py

Prints the median time of 3 renders and the file size; uses the BIZ UD fonts of the
Debian packages fonts-morisawa-bizud-*, as the Rust engine embeds them.
"""

import statistics
import time

import weasyprint

ROWS = 1_000
SUBJECTS = ["夜間バッチ処理の遅延", "受給者証の印字ずれ", "医療機関マスタの更新漏れ",
            "ログイン時のエラー表示", "月次統計の件数不一致"]
DETAILS = ["原因を調査中。",
           "ジョブの実行順序を見直し、定期リリースで対応する。",
           "設定値の誤りを修正し、翌日の処理で正常終了を確認した。影響範囲は生活保護・自立支援課で確認済み。",
           "利用者からの問合せにより判明。操作手順書を改訂し、課内に周知した。"]


def rows():
    for i in range(1, ROWS + 1):
        done = i % 3 != 0
        yield (f"K-{i:04}", f"R7.{4 + i % 9}.{1 + i % 28}", SUBJECTS[i % 5], DETAILS[i % 4],
               "完了" if done else "対応中", ["山田", "伊藤", "佐藤"][i % 3],
               f"R7.{5 + i % 8}.{1 + i % 27}" if done else "")


def html():
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows())
    return f"""<html><head><style>
@page {{ size: A4 landscape; margin: 15mm;
  @top-right {{ content: "生活保護レセプト管理システム 運用保守業務"; font-size: 8pt; }}
  @bottom-center {{ content: counter(page) " / " counter(pages); font-size: 8pt; }} }}
body {{ font-family: "BIZ UDMincho"; font-size: 8pt; }}
h1 {{ font-family: "BIZ UDGothic"; text-align: center; font-size: 16pt; }}
table {{ border-collapse: collapse; width: 100%; }}
thead {{ display: table-header-group; }}
th, td {{ border: 0.3pt solid #000; padding: 1mm; }}
th {{ font-family: "BIZ UDGothic"; background: #e6e6e6; }}
tr {{ break-inside: avoid; }}
</style></head><body><h1>課題管理表</h1><table><thead><tr>
<th style="width:20mm">管理番号</th><th style="width:22mm">発生日</th><th>件名</th>
<th style="width:40%">内容・対応</th><th style="width:16mm">状態</th>
<th style="width:22mm">担当</th><th style="width:22mm">完了日</th></tr></thead>
<tbody>{body}</tbody></table></body></html>"""


def main():
    source = html()
    times, pdf = [], b""
    for _ in range(3):
        start = time.perf_counter()
        pdf = weasyprint.HTML(string=source).write_pdf()
        times.append(time.perf_counter() - start)
    print(f"weasyprint {weasyprint.__version__}: {ROWS} rows, median "
          f"{statistics.median(times) * 1000:.0f} ms, {len(pdf):,} bytes")


if __name__ == "__main__":
    main()
