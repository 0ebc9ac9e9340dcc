//! Operation names for a whole collection, by one written rule that does not depend on the
//! order of items.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use super::model::Item;
use crate::naming::{self, Namespace};

/// The most places (distinct folder paths) of one name that [`contexts`] compares; requests
/// of a name that more places share are qualified by all their folders.
const MOST_PLACES: usize = 256;

/// Operation names, decided for the whole collection at once so they do not depend on the
/// order of items or folders.
///
/// **Rule.** A request is named after its title, read by [`naming::title_words`] (`Get user` →
/// `get_user`, `3.10. Create a card` → `create_a_card`). Requests whose names are equal are
/// told apart by the fewest of their folders — one, else two, the nearest when there is a
/// choice — that no other of them is also in, not counting the others that are in all of its
/// folders and more, which their extra folders tell apart. A request that two folders cannot
/// tell apart takes all its folders. Names still equal after that take a numeric suffix
/// (`get_2`): a title's own name before a name made with folders, then in the order of
/// folders, title, method, URL and the rest of the request as written, never in document
/// order.
///
/// | requests | names |
/// |---|---|
/// | `Cards › Get`, `Users › Get` | `cards_get`, `users_get` |
/// | `A › Admin › Get user`, `B › Admin › Get user` | `a_get_user`, `b_get_user` |
/// | `Get user`, `Admin › Get user` | `get_user`, `admin_get_user` |
/// | `Carts › Update › Set key`, `In store › Carts › Update › Set key`, `Orders › Update › Set key` | `carts_set_key`, `in_store_set_key`, `orders_set_key` |
/// | `In store › Carts › Get`, `In store › Orders › Get`, `Me › Carts › Get` | `in_store_carts_get`, `orders_get`, `me_get` |
/// | `Users › Get` (DELETE), `Users › Get` (GET) | `get`, `get_2` |
///
/// Folders are compared by their words; a folder without words (`🎉`) is no context. All
/// folders are taken only when two do not do (`A › B › C` beside `A › B › X`, `A › C › Y` and
/// `B › C › Z`), when the same folders come in another order (`A › B` beside `B › A`), or when
/// more than 256 folder paths share a name (a bound on the search; the corpus's largest is 43).
pub fn operation_names(items: &[Item]) -> BTreeMap<String, Vec<String>> {
    let mut requests = Vec::new();
    collect(items, "item", &mut Vec::new(), &mut requests);

    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (index, request) in requests.iter().enumerate() {
        let name = naming::snake_ident(&request.name, "operation");
        groups.entry(name).or_default().push(index);
    }
    let mut qualifiers: Vec<Vec<String>> = vec![Vec::new(); requests.len()];
    for members in groups.values() {
        let places: Vec<&[Vec<String>]> = members
            .iter()
            .map(|&index| requests[index].folders.as_slice())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if places.len() < 2 {
            continue;
        }
        let chosen: BTreeMap<&[Vec<String>], Vec<String>> = places
            .iter()
            .zip(contexts(&places))
            .map(|(&place, chosen)| {
                let words = chosen
                    .into_iter()
                    .flat_map(|index| place[index].iter().cloned())
                    .collect();
                (place, words)
            })
            .collect();
        for &index in members {
            qualifiers[index].clone_from(&chosen[requests[index].folders.as_slice()]);
        }
    }

    // A name that a title gives as it is goes to that title before a qualified name equal to
    // it; otherwise suffixes follow what the requests are, never where they are.
    let mut order: Vec<(String, bool, &Request)> = requests
        .iter()
        .zip(&qualifiers)
        .map(|(request, qualifier)| {
            let mut words = qualifier.clone();
            words.extend(request.name.iter().cloned());
            let name = naming::snake_ident(&words, "operation");
            (name, !qualifier.is_empty(), request)
        })
        .collect();
    order
        .sort_by(|(a, qa, ra), (b, qb, rb)| (a, qa).cmp(&(b, qb)).then_with(|| ra.cmp_written(rb)));
    let mut namespace = Namespace::new();
    order
        .into_iter()
        .map(|(name, _, request)| {
            let claimed = namespace.claim(&name);
            (request.location.clone(), naming::words(&claimed))
        })
        .collect()
}

/// For each of `places` (the distinct folder paths of requests sharing a name), the folders
/// that qualify its requests, as indices into it, outermost first.
///
/// A place is told apart from the others by folders they do not all have: a chosen set of
/// folders fits when no other place has all of them, except places that have all of this
/// place's folders and more (those are told apart by their own extra folders). The fewest
/// folders that fit are taken, and of those the nearest: one folder, innermost first; else
/// two, by the farther of the two, then the nearer (`[1, 0]`, `[2, 0]`, `[2, 1]`, … counting
/// from the innermost); else all of them.
fn contexts(places: &[&[Vec<String>]]) -> Vec<Vec<usize>> {
    let all = |place: &[Vec<String>]| (0..place.len()).collect::<Vec<_>>();
    if places.len() > MOST_PLACES {
        return places.iter().map(|place| all(place)).collect();
    }
    // Sets of places as bits.
    let width = places.len().div_ceil(64);
    let bit = |index: usize| (index / 64, 1u64 << (index % 64));
    let mut having: BTreeMap<&Vec<String>, Vec<u64>> = BTreeMap::new();
    let mut sizes = Vec::with_capacity(places.len());
    for (index, place) in places.iter().enumerate() {
        let distinct: BTreeSet<&Vec<String>> = place.iter().collect();
        for folder in &distinct {
            let bits = having.entry(folder).or_insert_with(|| vec![0u64; width]);
            let (word, mask) = bit(index);
            bits[word] |= mask;
        }
        sizes.push(distinct.len());
    }
    let empty = |bits: &[u64]| bits.iter().all(|&word| word == 0);
    let disjoint = |a: &[u64], b: &[u64]| a.iter().zip(b).all(|(a, b)| a & b == 0);

    places
        .iter()
        .enumerate()
        .map(|(index, place)| {
            // Distinct folders, nearest first, each at its nearest position.
            let mut distinct: Vec<(usize, &Vec<String>)> = Vec::new();
            for (position, folder) in place.iter().enumerate().rev() {
                if !distinct.iter().any(|(_, seen)| *seen == folder) {
                    distinct.push((position, folder));
                }
            }
            // The places with all of this one's folders and more, and this one: they do not
            // constrain the choice.
            let mut free = vec![!0u64; width];
            for (_, folder) in &distinct {
                for (free, has) in free.iter_mut().zip(&having[folder]) {
                    *free &= has;
                }
            }
            for (other, &size) in sizes.iter().enumerate() {
                if size <= sizes[index] && other != index {
                    let (word, mask) = bit(other);
                    free[word] &= !mask;
                }
            }
            // For each folder, the constraining places that have it too.
            let shared: Vec<Vec<u64>> = distinct
                .iter()
                .map(|(_, folder)| {
                    having[folder]
                        .iter()
                        .zip(&free)
                        .map(|(has, free)| has & !free)
                        .collect()
                })
                .collect();
            let constrained = (0..places.len()).any(|other| {
                let (word, mask) = bit(other);
                free[word] & mask == 0
            });
            let chosen: Option<Vec<usize>> = if !constrained {
                Some(Vec::new())
            } else if let Some(one) = shared.iter().position(|bits| empty(bits)) {
                Some(vec![one])
            } else {
                (1..distinct.len())
                    .flat_map(|far| (0..far).map(move |near| (far, near)))
                    .find(|&(far, near)| disjoint(&shared[far], &shared[near]))
                    .map(|(far, near)| vec![far, near])
            };
            match chosen {
                Some(chosen) => {
                    let mut positions: Vec<usize> =
                        chosen.iter().map(|&pick| distinct[pick].0).collect();
                    positions.sort_unstable();
                    positions
                }
                None => all(place),
            }
        })
        .collect()
}

struct Request<'a> {
    location: String,
    /// Folder words from the root, leaving out folders without words.
    folders: Vec<Vec<String>>,
    name: Vec<String>,
    /// The folders from the root and the request item as written: tie-breakers for requests
    /// whose words agree.
    ancestors: Vec<&'a Item>,
    item: &'a Item,
}

impl Request<'_> {
    /// Orders requests by what they are, never by where they are in the document: folder and
    /// title words, then title, method and URL as written, then everything else written on
    /// the request and its folders (so even requests that differ only in their body get
    /// their suffixes in the same order however the collection is arranged).
    fn cmp_written(&self, other: &Self) -> Ordering {
        let summary = |request: &Self| {
            let item = request.item;
            let request_part = item.request.as_ref();
            let url = request_part
                .and_then(|request| request.url.as_ref())
                .and_then(|url| url.raw.clone())
                .unwrap_or_default();
            let method = request_part.map(|request| request.method.clone());
            let folders: Vec<&str> = request.ancestors.iter().map(|f| f.name.as_str()).collect();
            (
                request.folders.clone(),
                request.name.clone(),
                folders.join("\u{0}"),
                item.name.clone(),
                method,
                url,
            )
        };
        let everything = |request: &Self| {
            let mut text = String::new();
            for folder in &request.ancestors {
                text.push_str(&format!(
                    "{:?}{:?}{:?}\u{0}",
                    folder.description, folder.auth, folder.variable
                ));
            }
            text.push_str(&format!("{:?}", request.item));
            text
        };
        summary(self)
            .cmp(&summary(other))
            .then_with(|| everything(self).cmp(&everything(other)))
    }
}

/// The folders above the items being collected: each folder item and its words (empty for a
/// folder without words).
type Ancestors<'a> = Vec<(&'a Item, Vec<String>)>;

fn collect<'a>(
    items: &'a [Item],
    prefix: &str,
    ancestors: &mut Ancestors<'a>,
    out: &mut Vec<Request<'a>>,
) {
    for (index, item) in items.iter().enumerate() {
        let location = format!("{prefix}[{index}]");
        if item.is_folder() {
            ancestors.push((item, naming::title_words(&item.name)));
            collect(item.children(), &format!("{location}.item"), ancestors, out);
            ancestors.pop();
        } else if item.request.is_some() {
            out.push(Request {
                location,
                folders: ancestors
                    .iter()
                    .map(|(_, words)| words)
                    .filter(|words| !words.is_empty())
                    .cloned()
                    .collect(),
                name: naming::title_words(&item.name),
                ancestors: ancestors.iter().map(|(folder, _)| *folder).collect(),
                item,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;

    /// A collection from `Folder › Folder › Title` lines, optionally ending in ` [METHOD]`;
    /// folders of the same name at the same level are one folder. Request `n` has the URL
    /// `https://example.com/{n:04}`, so its place in the list identifies it.
    fn collection(requests: &[&str]) -> Vec<Item> {
        let mut root: Vec<Value> = Vec::new();
        for (index, line) in requests.iter().enumerate() {
            let (path, method) = match line.strip_suffix(']').and_then(|l| l.rsplit_once(" [")) {
                Some((path, method)) => (path, method),
                None => (*line, "GET"),
            };
            let parts: Vec<&str> = path.split(" › ").collect();
            let (title, folders) = parts.split_last().expect("a title");
            let mut level = &mut root;
            for folder in folders {
                let position = level
                    .iter()
                    .position(|item| item["name"] == *folder && item.get("item").is_some())
                    .unwrap_or_else(|| {
                        level.push(json!({ "name": folder, "item": [] }));
                        level.len() - 1
                    });
                level = level[position]["item"].as_array_mut().expect("a folder");
            }
            level.push(json!({
                "name": title,
                "request": { "method": method, "url": format!("https://example.com/{index:04}") },
            }));
        }
        serde_json::from_value(Value::Array(root)).expect("a collection")
    }

    /// Every request as (folder names, the whole item written out) and its method name.
    fn named(items: &[Item]) -> Vec<(String, String)> {
        fn walk(
            items: &[Item],
            prefix: &str,
            folders: &str,
            names: &BTreeMap<String, Vec<String>>,
            out: &mut Vec<(String, String)>,
        ) {
            for (index, item) in items.iter().enumerate() {
                let location = format!("{prefix}[{index}]");
                if item.is_folder() {
                    let folders = format!("{folders}{} › ", item.name);
                    walk(
                        item.children(),
                        &format!("{location}.item"),
                        &folders,
                        names,
                        out,
                    );
                } else if item.request.is_some() {
                    let name = naming::snake_ident(&names[&location], "operation");
                    out.push((format!("{folders}{item:?}"), name));
                }
            }
        }
        let names = operation_names(items);
        let mut out = Vec::new();
        walk(items, "item", "", &names, &mut out);
        assert_eq!(out.len(), names.len(), "every request is named once");
        out
    }

    /// The method names of `requests`, in their order.
    fn names_of(requests: &[&str]) -> Vec<String> {
        let items = collection(requests);
        let mut named = named(&items);
        // The URL (`…/0000`, `…/0001`) is the first place the items differ after the folders.
        named.sort_by_key(|(what, _)| {
            let at = what.find("https://example.com/").expect("a URL");
            what[at..at + 24].to_owned()
        });
        named.into_iter().map(|(_, name)| name).collect()
    }

    /// (requests, names): the collision rule on small collections.
    #[rustfmt::skip]
    const TABLE: &[(&[&str], &[&str])] = &[
        (&["Get user"],                                       &["get_user"]),
        (&["3.10. Create a card"],                            &["create_a_card"]),
        (&["Add a user's TSP account"],                       &["add_a_users_tsp_account"]),
        // One distinguishing folder, the nearest.
        (&["Cards › Get", "Users › Get"],                     &["cards_get", "users_get"]),
        (&["A › Admin › Get user", "B › Admin › Get user"],   &["a_get_user", "b_get_user"]),
        (&["Web › Firewall › List", "Legacy web › Firewall › List"],
                                                              &["web_list", "legacy_web_list"]),
        (&["X › Users › Get", "X › Cards › Get", "Y › Cards › Get"],
                                                              &["users_get", "x_cards_get", "y_get"]),
        // Requests whose folders include all of another's and more are told apart by theirs.
        (&["Get user", "Admin › Get user"],                   &["get_user", "admin_get_user"]),
        (&["Users › Get", "Admin › Users › Get", "Cards › Get"],
                                                              &["users_get", "admin_get", "cards_get"]),
        (&["P › Carts › Update › Set key", "P › In store › Carts › Update › Set key",
           "P › Orders › Update › Set key"],
                                                              &["carts_set_key", "in_store_set_key", "orders_set_key"]),
        // Two folders when no one folder does it.
        (&["P › In store › Carts › Get", "P › In store › Orders › Get", "P › Me › Carts › Get"],
                                                              &["in_store_carts_get", "orders_get", "me_get"]),
        (&["A › B › Get", "B › Get", "A › Get"],              &["a_b_get", "b_get", "a_get"]),
        // No one or two folders do it: all of them.
        (&["A › B › C › Get", "A › B › X › Get", "A › C › Y › Get", "B › C › Z › Get"],
                                                              &["a_b_c_get", "x_get", "y_get", "z_get"]),
        // The same folders in another order: nothing but all of them tells them apart.
        (&["A › B › Get", "B › A › Get"],                     &["a_b_get", "b_a_get"]),
        // Folders cannot tell apart requests in one folder: numeric suffixes, sorted by
        // method, then URL.
        (&["Users › Get [GET]", "Users › Get [DELETE]"],      &["get_2", "get"]),
        (&["Accounts › accounts/:id [PUT]", "Accounts › accounts/:id [GET]",
           "Accounts › accounts/:id [DELETE]"],
                                                              &["accounts_id_3", "accounts_id_2", "accounts_id"]),
        (&["Users › Get", "Users › Get", "Cards › Get"],      &["users_get", "users_get_2", "cards_get"]),
        (&["type › self", "type › Self", "type › self"],      &["self_2", "self_", "self_3"]),
        // Folders are words: outline numbers go, and a folder without words is no context.
        (&["1. Users › Get", "2. Cards › Get"],               &["users_get", "cards_get"]),
        (&["Flow A › 1. Authentication › CreateSession", "Flow B › Authentication › CreateSession",
           "Flow B › 4. Ticketing › 1. EnhancedAirTicket", "Flow A › Ticketing › EnhancedAirTicket"],
                                                              &["flow_a_create_session", "flow_b_create_session",
                                                                "flow_b_enhanced_air_ticket", "flow_a_enhanced_air_ticket"]),
        (&["🎉 › Get", "Get"],                                &["get_2", "get"]),
        (&["Users › ", "Users › 🎉", "Cards › "],             &["users", "users_2", "cards"]),
        // A name made with folders that a title gives as it is takes the suffix.
        (&["Admin › Get user", "Get user", "Admin get user"], &["admin_get_user_2", "get_user", "admin_get_user"]),
        (&["Z › Get user", "Get user", "Z › Z get user"],     &["z_get_user_2", "get_user", "z_get_user"]),
        (&["type › _", "type › type", "Other › "],            &["type_2", "type_", "other"]),
    ];

    #[test]
    fn collision_rule() {
        for &(requests, expected) in TABLE {
            assert_eq!(names_of(requests), expected, "{requests:#?}");
        }
    }

    #[test]
    fn a_name_in_very_many_folders_takes_all_of_them() {
        let lines: Vec<String> = (0..=MOST_PLACES)
            .map(|n| format!("Folder {n} › Sub › Get"))
            .collect();
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        let names = names_of(&lines);
        assert_eq!(names[0], "folder_0_sub_get");
        assert_eq!(names[MOST_PLACES], format!("folder_{MOST_PLACES}_sub_get"));
        // One fewer is within the search: the one folder that tells them apart.
        assert_eq!(names_of(&lines[..MOST_PLACES])[0], "folder_0_get");
    }

    /// A tiny deterministic generator, so the shuffles are the same on every run.
    struct Shuffler(u64);

    impl Shuffler {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            usize::try_from(self.0 % n as u64).expect("small")
        }

        fn shuffle(&mut self, items: &mut [Item]) {
            for end in (1..items.len()).rev() {
                items.swap(end, self.below(end + 1));
            }
            for item in items {
                if let Some(children) = &mut item.item {
                    self.shuffle(children);
                }
            }
        }
    }

    #[test]
    fn names_do_not_depend_on_order() {
        let mut requests: Vec<&str> = TABLE
            .iter()
            .flat_map(|(requests, _)| *requests)
            .copied()
            .collect();
        requests.extend([
            "P › In store › Carts › Update › Set key",
            "Q › Users › Get",
            "Q › Admin › Users › Get",
            "Q › Admin › Get",
        ]);
        let mut items = collection(&requests);
        // Requests that differ in nothing but their body, and folders that differ in nothing
        // but their auth: their suffixes still follow what they are.
        let twin = |body: &str| -> Item {
            serde_json::from_value(json!({
                "name": "Upload",
                "request": {
                    "method": "POST",
                    "url": "https://example.com/upload",
                    "body": { "mode": "raw", "raw": body },
                },
            }))
            .expect("an item")
        };
        items.extend([twin("a"), twin("b"), twin("c")]);
        for token in ["one", "two"] {
            items.push(
                serde_json::from_value(json!({
                    "name": "Secured",
                    "auth": { "type": "bearer", "bearer": [{ "key": "token", "value": token }] },
                    "item": [{ "name": "Upload", "request": "https://example.com/upload" }],
                }))
                .expect("a folder"),
            );
        }
        let mut expected = named(&items);
        expected.sort();
        let distinct: BTreeSet<&String> = expected.iter().map(|(_, name)| name).collect();
        assert_eq!(distinct.len(), expected.len(), "names are unique");

        let mut shuffler = Shuffler(0x9E37_79B9_7F4A_7C15);
        for round in 0..200 {
            let mut shuffled = items.clone();
            shuffler.shuffle(&mut shuffled);
            let mut actual = named(&shuffled);
            actual.sort();
            assert_eq!(actual, expected, "shuffle {round}");
        }
    }
}
