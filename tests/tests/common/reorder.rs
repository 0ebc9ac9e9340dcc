//! Reordering a collection's items at every level, for the order-independence tests.

use serde_json::Value;

/// A small deterministic generator (SplitMix64), so a failure can be reproduced from its seed.
pub struct Shuffler(u64);

impl Shuffler {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// How the items of every folder (and of the collection) are reordered.
#[derive(Debug, Clone, Copy)]
pub enum Reorder {
    /// Every list of items reversed.
    Reverse,
    /// Every list of items shuffled from this seed.
    Shuffle(u64),
}

/// Reorders the items of `collection` at every level.
pub fn reorder(collection: &mut Value, how: Reorder) {
    fn walk(items: &mut Vec<Value>, how: Reorder, rng: &mut Shuffler) {
        match how {
            Reorder::Reverse => items.reverse(),
            Reorder::Shuffle(_) => rng.shuffle(items),
        }
        for item in items {
            if let Some(Value::Array(children)) = item.get_mut("item") {
                walk(children, how, rng);
            }
        }
    }
    let seed = match how {
        Reorder::Reverse => 0,
        Reorder::Shuffle(seed) => seed,
    };
    let mut rng = Shuffler(seed);
    if let Some(Value::Array(items)) = collection.get_mut("item") {
        walk(items, how, &mut rng);
    }
}

/// Reorders what an OpenAPI (or Swagger 2.0) document lists without meaning an order: the
/// paths, the methods of each path item, the responses of each operation, every section of
/// `components` (and the 2.0 `definitions`, `parameters`, `responses`,
/// `securityDefinitions`), the webhooks and the tags.
pub fn reorder_openapi(document: &mut Value, how: Reorder) {
    let seed = match how {
        Reorder::Reverse => 0,
        Reorder::Shuffle(seed) => seed,
    };
    let mut rng = Shuffler(seed);
    let entries = |value: &mut Value, rng: &mut Shuffler| {
        if let Value::Object(map) = value {
            let mut pairs: Vec<(String, Value)> = std::mem::take(map).into_iter().collect();
            match how {
                Reorder::Reverse => pairs.reverse(),
                Reorder::Shuffle(_) => rng.shuffle(&mut pairs),
            }
            map.extend(pairs);
        }
    };
    let Value::Object(root) = document else {
        return;
    };
    for key in [
        "paths",
        "webhooks",
        "definitions",
        "parameters",
        "responses",
        "securityDefinitions",
    ] {
        if let Some(section) = root.get_mut(key) {
            entries(section, &mut rng);
        }
    }
    if let Some(Value::Array(tags)) = root.get_mut("tags") {
        match how {
            Reorder::Reverse => tags.reverse(),
            Reorder::Shuffle(_) => rng.shuffle(tags),
        }
    }
    if let Some(Value::Object(components)) = root.get_mut("components") {
        for section in components.values_mut() {
            entries(section, &mut rng);
        }
    }
    for key in ["paths", "webhooks"] {
        let Some(Value::Object(items)) = root.get_mut(key) else {
            continue;
        };
        for item in items.values_mut() {
            entries(item, &mut rng);
            if let Value::Object(item) = item {
                for operation in item.values_mut() {
                    if let Some(responses) = operation.get_mut("responses") {
                        entries(responses, &mut rng);
                    }
                }
            }
        }
    }
}
