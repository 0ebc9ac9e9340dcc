//! Pagination: which operations page, and how. Runs on the IR after either front end, so
//! Postman collections and OpenAPI documents page alike.
//!
//! An operation pages when it is a `GET` whose one JSON success is a struct (or an array) and
//! one of these holds, tried in this order:
//!
//! - **Token**: a string query parameter named like a page token or cursor (`next_page_token`,
//!   `page_token`, `pageToken`, `cursor`, `after`, `marker`, `continuation_token`, …) and a
//!   string field of the body named like the next one (`next_page_token`, `nextPageToken`,
//!   `next_cursor`, `cursor`, …), at the top or one struct down (`meta.next_cursor`,
//!   `response_metadata.next_cursor`). A string `page` with a string `next_page` is one too.
//! - **After the last item**: a string query parameter `starting_after` (or `after_id`), a
//!   boolean field `has_more`, and items with a string `id` (Stripe).
//! - **Page number**: a query parameter `page` (`page_number`, `pageNumber`, …) and a list of
//!   items; a field `total_pages` (`page_count`, `totalPages`, `last_page`) ends it early.
//!
//! Before all of these, a success that documents a `Link` header pages by it (`rel="next"`),
//! as GitHub's lists do.
//!
//! The items are the body's one array field (or the body, when it is an array). A shape that
//! fits none of these is left alone: a wrong guess would loop or skip pages.

use crate::ir::{Api, BodyKind, Location, NextPage, Operation, Paging, Scalar, TypeKind, TypeRef};

/// Request parameters that carry a page token or cursor (compared without case, `_` or `-`).
const TOKEN_PARAMS: &[&str] = &[
    "nextpagetoken",
    "pagetoken",
    "cursor",
    "pagecursor",
    "nextcursor",
    "after",
    "aftercursor",
    "marker",
    "continuationtoken",
    "nexttoken",
    "pagingtoken",
    // A text `page` with a text `next_page` field is a cursor (Stripe's search).
    "page",
];

/// Response fields that give the next page's token or cursor.
const TOKEN_FIELDS: &[&str] = &[
    "nextpagetoken",
    "nextcursor",
    "cursor",
    "nexttoken",
    "continuationtoken",
    "nextmarker",
    "endcursor",
    "after",
    "nextpage",
];

/// Request parameters holding a page number.
const PAGE_PARAMS: &[&str] = &["page", "pagenumber", "pageno", "pagenum", "pageindex"];

/// Response fields holding the number of pages.
const TOTAL_FIELDS: &[&str] = &["totalpages", "pagecount", "lastpage", "numpages"];

/// Finds how each operation pages and records it in [`Operation::paging`].
pub fn detect(api: &mut Api) {
    let found: Vec<Option<Paging>> = api.operations.iter().map(|op| paging(api, op)).collect();
    for (op, paging) in api.operations.iter_mut().zip(found) {
        op.paging = paging;
    }
}

/// `next_page_token` → `nextpagetoken`.
fn normal(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '_' | '-' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

fn paging(api: &Api, op: &Operation) -> Option<Paging> {
    if op.method != "GET" {
        return None;
    }
    let mut successes = op.responses.iter().filter(|r| r.status.is_success());
    let (Some(success), None) = (successes.next(), successes.next()) else {
        return None;
    };
    let body = &success
        .contents
        .iter()
        .find(|content| content.kind == BodyKind::Json)?
        .ty;
    let query = |names: &[&str], text: bool| {
        let mut matching = op.params_in(Location::Query).filter(|(_, param)| {
            names.contains(&normal(&param.wire_name).as_str()) && (!text || is_text(api, &param.ty))
        });
        match (matching.next(), matching.next()) {
            (Some((index, _)), None) => Some(index),
            _ => None,
        }
    };
    let fields = struct_fields(api, body);
    // A documented `Link` header is the server's own word on the next page.
    let link = success
        .headers
        .iter()
        .any(|header| header.wire_name.eq_ignore_ascii_case("link"));
    let items = match fields {
        // The body is the list.
        None => matches!(resolve(api, body), TypeRef::Array(_)).then(Vec::new),
        Some(fields) => {
            let mut arrays = fields
                .iter()
                .filter(|field| matches!(resolve(api, &field.ty), TypeRef::Array(_)));
            match (arrays.next(), arrays.next()) {
                (Some(field), None) => Some(vec![field.wire_name.clone()]),
                _ => None,
            }
        }
    };

    if link {
        return Some(Paging {
            next: NextPage::Link,
            items,
        });
    }
    if let Some(fields) = fields {
        // Each token-like parameter with the field it pairs with; exactly one must pair.
        let mut pairs = op.params_in(Location::Query).filter_map(|(param, query)| {
            let wire = normal(&query.wire_name);
            if !TOKEN_PARAMS.contains(&wire.as_str()) || !is_text(api, &query.ty) {
                return None;
            }
            Some((param, token_field(api, fields, &wire)?))
        });
        if let (Some((param, token)), None) = (pairs.next(), pairs.next()) {
            return Some(Paging {
                next: NextPage::Token { param, token },
                items,
            });
        }
    }
    if let (Some(param), Some(fields), Some(items_path)) =
        (query(&["startingafter", "afterid"], true), fields, &items)
    {
        let has_more = fields.iter().find(|field| {
            normal(&field.wire_name) == "hasmore"
                && resolve(api, &field.ty) == &TypeRef::Scalar(Scalar::Boolean)
        });
        let id = items_path
            .first()
            .and_then(|name| fields.iter().find(|field| &field.wire_name == name))
            .and_then(|field| match resolve(api, &field.ty) {
                TypeRef::Array(item) => struct_fields(api, item),
                _ => None,
            })
            .and_then(|item_fields| {
                item_fields
                    .iter()
                    .find(|field| field.wire_name == "id" && is_text(api, &field.ty))
            });
        if let (Some(has_more), Some(id)) = (has_more, id) {
            return Some(Paging {
                next: NextPage::AfterLast {
                    param,
                    has_more: vec![has_more.wire_name.clone()],
                    id: id.wire_name.clone(),
                },
                items,
            });
        }
    }
    if let (Some(param), Some(_)) = (query(PAGE_PARAMS, false), &items) {
        let number = &op.params[param];
        let integer = matches!(
            resolve(api, &number.ty),
            TypeRef::Scalar(Scalar::Integer(_))
        );
        if integer || is_text(api, &number.ty) {
            let first = match &number.default {
                Some(serde_json::Value::Number(n)) => n.as_i64(),
                Some(serde_json::Value::String(text)) => text.parse().ok(),
                _ => None,
            }
            .filter(|first| (0..=1).contains(first))
            .unwrap_or(1);
            let total_pages = fields.and_then(|fields| {
                fields
                    .iter()
                    .find(|field| {
                        TOTAL_FIELDS.contains(&normal(&field.wire_name).as_str())
                            && matches!(
                                resolve(api, &field.ty),
                                TypeRef::Scalar(Scalar::Integer(_))
                            )
                    })
                    .map(|field| vec![field.wire_name.clone()])
            });
            return Some(Paging {
                next: NextPage::PageNumber {
                    param,
                    first,
                    total_pages,
                },
                items,
            });
        }
    }
    None
}

/// The path of the field with the next token: at the top, else one struct down.
fn token_field(api: &Api, fields: &[crate::ir::Field], param: &str) -> Option<Vec<String>> {
    let candidates = |fields: &[crate::ir::Field]| -> Option<String> {
        let named: Vec<&crate::ir::Field> = fields
            .iter()
            .filter(|field| {
                let name = normal(&field.wire_name);
                // `page` pairs with `next_page` alone (elsewhere `next_page` is often a URL).
                let pairs = (param == "page") == (name == "nextpage");
                pairs && TOKEN_FIELDS.contains(&name.as_str()) && is_text(api, &field.ty)
            })
            .collect();
        // The field named like the parameter wins (`next_page_token` for `next_page_token`).
        named
            .iter()
            .find(|field| normal(&field.wire_name) == param)
            .or_else(|| (named.len() == 1).then(|| &named[0]))
            .map(|field| field.wire_name.clone())
    };
    if let Some(name) = candidates(fields) {
        return Some(vec![name]);
    }
    let mut nested = fields.iter().filter_map(|field| {
        let inner = struct_fields(api, &field.ty)?;
        Some(vec![field.wire_name.clone(), candidates(inner)?])
    });
    match (nested.next(), nested.next()) {
        (Some(path), None) => Some(path),
        _ => None,
    }
}

/// Through nullability and aliases to the type itself.
fn resolve<'a>(api: &'a Api, ty: &'a TypeRef) -> &'a TypeRef {
    let mut ty = ty;
    for _ in 0..32 {
        ty = match ty {
            TypeRef::Nullable(inner) => inner,
            TypeRef::Named(id) => match api.types.get(*id).map(|def| &def.kind) {
                Some(TypeKind::Alias { target }) => target,
                _ => return ty,
            },
            _ => return ty,
        };
    }
    ty
}

/// The fields of a struct type.
fn struct_fields<'a>(api: &'a Api, ty: &'a TypeRef) -> Option<&'a [crate::ir::Field]> {
    match resolve(api, ty) {
        TypeRef::Named(id) => match &api.types.get(*id)?.kind {
            TypeKind::Struct { fields, .. } => Some(fields),
            _ => None,
        },
        _ => None,
    }
}

/// Whether values of the type are plain strings.
fn is_text(api: &Api, ty: &TypeRef) -> bool {
    resolve(api, ty) == &TypeRef::Scalar(Scalar::String)
}
