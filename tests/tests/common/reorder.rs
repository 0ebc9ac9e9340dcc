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
