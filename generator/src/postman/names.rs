//! Operation names for a whole collection, by one written rule that does not depend on the
//! order of items.

use std::collections::BTreeMap;

use super::model::Item;
use crate::naming::{self, Namespace};

/// Operation names, decided for the whole collection at once so they do not depend on the
/// order of items.
///
/// **Rule.** A request is named after its title, read by [`naming::title_words`] (`Get user` →
/// `get_user`, `3.10. Create a card` → `create_a_card`). When several requests share a name,
/// each of them is qualified by its folders, innermost first, one folder at a time until the
/// names differ (`admin › Get user` → `admin_get_user`). Names still equal once all folders
/// are used take a numeric suffix (`get_user_2`), in the order of name, folders, title, method
/// and URL, so that moving items changes nothing.
pub fn operation_names(items: &[Item]) -> BTreeMap<String, Vec<String>> {
    struct Request {
        location: String,
        folders: Vec<Vec<String>>,
        name: Vec<String>,
        /// Title, method and URL as written: tie-breakers for requests whose words agree.
        written: (String, String, String),
    }
    fn collect(
        items: &[Item],
        prefix: &str,
        folders: &mut Vec<Vec<String>>,
        out: &mut Vec<Request>,
    ) {
        for (index, item) in items.iter().enumerate() {
            let location = format!("{prefix}[{index}]");
            if item.is_folder() {
                folders.push(naming::title_words(&item.name));
                collect(item.children(), &format!("{location}.item"), folders, out);
                folders.pop();
            } else if let Some(request) = &item.request {
                let url = request
                    .url
                    .as_ref()
                    .and_then(|url| url.raw.clone())
                    .unwrap_or_default();
                out.push(Request {
                    location,
                    folders: folders.clone(),
                    name: naming::title_words(&item.name),
                    written: (item.name.clone(), request.method.clone(), url),
                });
            }
        }
    }
    let mut requests = Vec::new();
    collect(items, "item", &mut Vec::new(), &mut requests);

    let candidate = |request: &Request, depth: usize| {
        let mut words: Vec<String> = request
            .folders
            .iter()
            .skip(request.folders.len().saturating_sub(depth))
            .flatten()
            .cloned()
            .collect();
        words.extend(request.name.iter().cloned());
        naming::snake_ident(&words, "operation")
    };
    let mut depths = vec![0usize; requests.len()];
    loop {
        let names: Vec<String> = requests
            .iter()
            .zip(&depths)
            .map(|(request, depth)| candidate(request, *depth))
            .collect();
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for name in &names {
            *counts.entry(name.as_str()).or_default() += 1;
        }
        let mut changed = false;
        for (index, request) in requests.iter().enumerate() {
            if counts.get(names[index].as_str()).copied().unwrap_or(0) > 1
                && depths[index] < request.folders.len()
            {
                depths[index] += 1;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    // Suffixes go in the order of name, folders and title, not of the document, so that moving
    // items within a folder changes nothing.
    let mut order: Vec<(String, &Request)> = requests
        .iter()
        .zip(&depths)
        .map(|(request, depth)| (candidate(request, *depth), request))
        .collect();
    order.sort_by(|(a, ra), (b, rb)| {
        (a, &ra.folders, &ra.name, &ra.written).cmp(&(b, &rb.folders, &rb.name, &rb.written))
    });
    let mut namespace = Namespace::new();
    order
        .into_iter()
        .map(|(name, request)| {
            let claimed = namespace.claim(&name);
            (request.location.clone(), naming::words(&claimed))
        })
        .collect()
}
