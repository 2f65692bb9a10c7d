//! The window's TypeScript types, declared by ts-rs from the very Rust types that cross the
//! wire, so that the window and the API cannot drift apart. The desktop's tests write them
//! to `ui/src/api/wire.gen.ts` and fail when the committed file is stale.

use std::any::TypeId;
use std::collections::{BTreeMap, HashSet};
use ts_rs::{Config, TS, TypeVisitor};

/// Every declared type reached from the operations (and whatever else the caller adds),
/// by TypeScript name.
pub struct WireTypes {
    config: Config,
    declarations: BTreeMap<String, Declared>,
    walked: HashSet<TypeId>,
}

struct Declared {
    type_id: TypeId,
    rust_name: &'static str,
    text: String,
}

/// One member of `interface Operations`.
pub struct OperationEntry {
    name: &'static str,
    arguments: String,
    answer: String,
}

impl Default for WireTypes {
    fn default() -> Self {
        WireTypes {
            // IDs, versions and counts are i64 in Rust and plain JSON numbers on the wire.
            config: Config::new().with_large_int("number"),
            declarations: BTreeMap::new(),
            walked: HashSet::new(),
        }
    }
}

impl WireTypes {
    /// Declares `T` and every type it names.
    pub fn add<T: TS + 'static + ?Sized>(&mut self) {
        self.visit::<T>();
    }

    pub(crate) fn operation<Arguments: TS + 'static, Answer: TS + 'static>(
        &mut self,
        name: &'static str,
    ) -> OperationEntry {
        Arguments::visit_dependencies(self);
        self.visit::<Answer>();
        OperationEntry {
            name,
            arguments: Arguments::inline(&self.config),
            answer: Answer::name(&self.config),
        }
    }

    /// The file: every declaration in name order, then `extra` (the operations' interface).
    pub fn render(&self, extra: &str) -> String {
        let mut out = String::from(
            "// Generated from the Rust types by `HOSHU_UPDATE_WIRE=1 cargo test -p hoshu-desktop \
             --test it wire`.\n// Do not edit: change the Rust type and regenerate.\n\n",
        );
        for declared in self.declarations.values() {
            out.push_str(&declared.text);
            out.push_str("\n\n");
        }
        out.push_str(extra);
        out
    }
}

impl TypeVisitor for WireTypes {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if !self.walked.insert(TypeId::of::<T>()) {
            return;
        }
        if T::output_path().is_some() {
            let name = T::ident(&self.config);
            let type_id = TypeId::of::<T::WithoutGenerics>();
            let rust_name = std::any::type_name::<T::WithoutGenerics>();
            match self.declarations.get(&name) {
                Some(known) if known.type_id != type_id => panic!(
                    "two Rust types are both called {name} in TypeScript: {} and {rust_name}",
                    known.rust_name
                ),
                Some(_) => {}
                None => {
                    let mut text = T::docs().unwrap_or_default();
                    text.push_str("export ");
                    text.push_str(&T::decl(&self.config));
                    self.declarations.insert(
                        name,
                        Declared {
                            type_id,
                            rust_name,
                            text,
                        },
                    );
                }
            }
        }
        T::visit_dependencies(self);
        T::visit_generics(self);
    }
}

/// `export interface Operations { name: { args: {...}; answer: T }; ... }`.
pub(crate) fn operations_interface(entries: &[OperationEntry]) -> String {
    let mut out = String::from(
        "/** Every operation of the API: its arguments (camelCase keys) and its answer. */\n\
         export interface Operations {\n",
    );
    for entry in entries {
        out.push_str(&format!(
            "  {}: {{ args: {}; answer: {} }};\n",
            entry.name, entry.arguments, entry.answer
        ));
    }
    out.push_str("}\n");
    out
}
