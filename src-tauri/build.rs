use std::path::Path;

fn main() {
    // The window's pages are built from ui/ (`npm run build`). Without them the crate still
    // compiles (for clippy and the command tests) and the window says what is missing.
    let dist = Path::new("../ui/dist");
    // Rebuild (and re-embed) whenever the pages are rebuilt.
    println!("cargo:rerun-if-changed=../ui/dist");
    if !dist.join("index.html").exists() {
        let _ = std::fs::create_dir_all(dist);
        let _ = std::fs::write(
            dist.join("index.html"),
            "<!doctype html><html lang=\"ja\"><meta charset=\"utf-8\"><title>保守デスク</title>\
             <body><p>画面がビルドされていません。ui/ で npm run build を実行してください。</p></body></html>",
        );
    }
    tauri_build::build();
}
