//! The layering the code map promises, read from `cargo metadata`: the core has no IO, the
//! document and import crates never see a database, front ends reach the store only through
//! the use cases, and the desktop app carries no demo data.

use serde_json::Value;
use std::collections::BTreeMap;

/// Each workspace package's normal (not dev or build) dependencies, with the features it turns
/// on for each.
fn normal_dependencies() -> BTreeMap<String, BTreeMap<String, Vec<String>>> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = std::process::Command::new(cargo)
        .args([
            "metadata",
            "--no-deps",
            "--format-version",
            "1",
            "--offline",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run cargo metadata");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: Value = serde_json::from_slice(&output.stdout).expect("metadata JSON");
    let mut packages = BTreeMap::new();
    for package in metadata["packages"].as_array().expect("packages") {
        let mut deps = BTreeMap::new();
        for dep in package["dependencies"].as_array().expect("dependencies") {
            if dep["kind"].is_null() {
                let features = dep["features"]
                    .as_array()
                    .map(|f| {
                        f.iter()
                            .filter_map(|v| v.as_str().map(String::from))
                            .collect()
                    })
                    .unwrap_or_default();
                deps.insert(dep["name"].as_str().unwrap().to_owned(), features);
            }
        }
        packages.insert(package["name"].as_str().unwrap().to_owned(), deps);
    }
    packages
}

fn names(deps: &BTreeMap<String, Vec<String>>) -> Vec<&str> {
    deps.keys().map(String::as_str).collect()
}

#[test]
fn the_core_depends_on_pure_crates_only() {
    let packages = normal_dependencies();
    let core = &packages["hoshu-core"];
    let pure = [
        "chrono",
        "chrono-tz",
        "hex",
        "hmac",
        "icu",
        "serde",
        // In-memory JSON only: a saved filter's shape is checked in the core.
        "serde_json",
        "sha2",
        "thiserror",
        // Only in the `ts` feature, which the desktop's tests turn on to declare the wire
        // types in TypeScript; no build of the app has it.
        "ts-rs",
        "unicode-normalization",
    ];
    let impure: Vec<_> = names(core)
        .into_iter()
        .filter(|d| !pure.contains(d))
        .collect();
    assert!(
        impure.is_empty(),
        "hoshu-core must stay free of IO; new dependencies: {impure:?}"
    );
}

#[test]
fn documents_and_imports_never_see_a_database() {
    let packages = normal_dependencies();
    for crate_name in ["hoshu-docs", "hoshu-import"] {
        for forbidden in ["hoshu-store", "hoshu-app", "sqlx", "tokio"] {
            assert!(
                !packages[crate_name].contains_key(forbidden),
                "{crate_name} depends on {forbidden}"
            );
        }
    }
    assert!(!packages["hoshu-store"].contains_key("hoshu-app"));
}

#[test]
fn front_ends_reach_the_store_only_through_the_use_cases() {
    let packages = normal_dependencies();
    for front_end in ["hoshu-cli", "hoshu-server", "hoshu-desktop"] {
        let deps = &packages[front_end];
        for forbidden in ["hoshu-store", "sqlx"] {
            assert!(
                !deps.contains_key(forbidden),
                "{front_end} depends on {forbidden}: {:?}",
                names(deps)
            );
        }
        assert!(
            deps.contains_key("hoshu-app"),
            "{front_end} uses the use cases"
        );
    }
}

#[test]
fn the_desktop_app_carries_no_demo_data() {
    let packages = normal_dependencies();
    let desktop_app = &packages["hoshu-desktop"]["hoshu-app"];
    assert!(!desktop_app.iter().any(|f| f == "demo"), "{desktop_app:?}");
    assert!(
        packages["hoshu-cli"]["hoshu-app"]
            .iter()
            .any(|f| f == "demo")
    );
}

#[test]
fn no_front_end_builds_the_typescript_declarations() {
    let packages = normal_dependencies();
    for (front_end, api) in [
        ("hoshu-desktop", "hoshu-api"),
        ("hoshu-server", "hoshu-api"),
    ] {
        let features = &packages[front_end][api];
        assert!(
            !features.iter().any(|f| f == "ts"),
            "{front_end}: {features:?}"
        );
    }
}
