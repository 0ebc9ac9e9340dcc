//! Where types are used: which are sent in requests and which received in responses (for
//! generated docs), and which hold themselves without indirection (boxed to stay finite).

use std::collections::BTreeSet;

use crate::ir::{Api, TypeId, TypeKind, TypeRef};

/// The types reachable from request bodies and parameters, and from responses.
#[derive(Debug, Default)]
pub struct Usage {
    requests: BTreeSet<TypeId>,
    responses: BTreeSet<TypeId>,
}

impl Usage {
    /// Walks every operation of `api`.
    pub fn of(api: &Api) -> Self {
        let mut usage = Usage::default();
        for op in &api.operations {
            let request_types = op.params.iter().map(|param| &param.ty).chain(
                op.body
                    .iter()
                    .flat_map(|body| body.contents.iter().map(|c| &c.ty)),
            );
            for ty in request_types {
                reach(api, ty, &mut usage.requests);
            }
            for response in &op.responses {
                for ty in response
                    .contents
                    .iter()
                    .map(|c| &c.ty)
                    .chain(response.headers.iter().map(|h| &h.ty))
                {
                    reach(api, ty, &mut usage.responses);
                }
            }
        }
        usage
    }

    /// Whether the type is part of something a request sends.
    pub fn in_requests(&self, id: TypeId) -> bool {
        self.requests.contains(&id)
    }

    /// Whether the type is part of something a response carries.
    pub fn in_responses(&self, id: TypeId) -> bool {
        self.responses.contains(&id)
    }
}

fn reach(api: &Api, ty: &TypeRef, seen: &mut BTreeSet<TypeId>) {
    match ty {
        TypeRef::Named(id) => {
            if !seen.insert(*id) {
                return;
            }
            let Some(def) = api.types.get(*id) else {
                return;
            };
            match &def.kind {
                TypeKind::Struct { fields, additional } => {
                    for field in fields {
                        reach(api, &field.ty, seen);
                    }
                    if let Some(additional) = additional {
                        reach(api, additional, seen);
                    }
                }
                TypeKind::Union { variants, .. } => {
                    for variant in variants {
                        reach(api, &variant.ty, seen);
                    }
                }
                TypeKind::Alias { target } => reach(api, target, seen),
                TypeKind::Enum { .. } => {}
            }
        }
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            reach(api, inner, seen)
        }
        TypeRef::Scalar(_) | TypeRef::Any => {}
    }
}

/// Whether a value of type `ty` contains a `target` without going through a `Vec` or a map
/// (which are on the heap): such a field must be boxed.
pub fn holds_directly(api: &Api, ty: &TypeRef, target: TypeId) -> bool {
    fn walk(api: &Api, ty: &TypeRef, target: TypeId, seen: &mut BTreeSet<TypeId>) -> bool {
        match ty {
            TypeRef::Named(id) if *id == target => true,
            TypeRef::Named(id) => {
                if !seen.insert(*id) {
                    return false;
                }
                match api.types.get(*id).map(|def| &def.kind) {
                    Some(TypeKind::Struct { fields, .. }) => fields
                        .iter()
                        .any(|field| walk(api, &field.ty, target, seen)),
                    Some(TypeKind::Union { variants, .. }) => variants
                        .iter()
                        .any(|variant| walk(api, &variant.ty, target, seen)),
                    Some(TypeKind::Alias { target: inner }) => walk(api, inner, target, seen),
                    Some(TypeKind::Enum { .. }) | None => false,
                }
            }
            TypeRef::Nullable(inner) => walk(api, inner, target, seen),
            TypeRef::Array(_) | TypeRef::Map(_) | TypeRef::Scalar(_) | TypeRef::Any => false,
        }
    }
    walk(api, ty, target, &mut BTreeSet::new())
}
