//! The `client` module: `Client`, its `ClientBuilder` (base URL, credentials, timeouts, request
//! hook) and one method per operation.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::names::{AuthNames, Credential, Names};
use super::{describe_auth, doc, operation_docs};
use crate::ir::{Api, KeyLocation};

/// The items of `client.rs`.
pub fn emit(api: &Api, names: &Names) -> TokenStream {
    let client_docs = doc(&format!(
        "Client for {}.\n\nCreate one with [`Client::builder`]; it is cheap to clone and shares \
         one connection pool.",
        crate::docs::inline(&api.title)
    ));
    let base = base_url(api);
    let credentials: Vec<Configured> = names
        .credentials
        .iter()
        .zip(&names.auth)
        .filter_map(|(scheme, auth_names)| credential(scheme, auth_names))
        .collect();
    let client_fields = credentials.iter().map(|c| &c.client_field);
    let builder_fields = credentials.iter().map(|c| &c.builder_field);
    let builder_defaults = credentials.iter().map(|c| &c.builder_default);
    let setters = credentials.iter().map(|c| &c.setter);
    let builds = credentials.iter().map(|c| &c.build);
    let inits = credentials.iter().map(|c| &c.ident);
    let authorizers = credentials.iter().map(|c| &c.authorize);
    let variables: Vec<Configured> = api
        .config
        .iter()
        .zip(&names.variables)
        .map(|(variable, ident)| configuration_variable(variable, ident))
        .collect();
    let servers: Vec<Configured> = names
        .servers
        .iter()
        .map(|(server, ident)| server_setting(api, names, server, ident))
        .collect();
    let variables: Vec<Configured> = variables.into_iter().chain(servers).collect();
    let client_fields = client_fields.chain(variables.iter().map(|v| &v.client_field));
    let builder_fields = builder_fields.chain(variables.iter().map(|v| &v.builder_field));
    let builder_defaults = builder_defaults.chain(variables.iter().map(|v| &v.builder_default));
    let setters = setters.chain(variables.iter().map(|v| &v.setter));
    let builds = builds.chain(variables.iter().map(|v| &v.build));
    let inits = inits.chain(variables.iter().map(|v| &v.ident));

    let token_setters = token_setters(api, names);

    let methods = names.ordered(api).map(|(op, op_names)| {
        let method = &op_names.method;
        let builder = &op_names.builder;
        let params = &op_names.path_params;
        let (arguments, values): (Vec<TokenStream>, Vec<TokenStream>) = op
            .params_in(crate::ir::Location::Path)
            .zip(params)
            .map(|((_, param), ident)| {
                if super::builders::repr(api, &param.ty) == super::builders::Repr::Text {
                    (quote!(#ident: impl Into<String>), quote!(#ident.into()))
                } else {
                    let ty = super::builders::param_type(api, names, param);
                    (quote!(#ident: #ty), quote!(#ident))
                }
            })
            .unzip();
        let mut text = operation_docs(api, op, op_names);
        let used: Vec<String> = names
            .credentials_of(op)
            .into_iter()
            .map(|index| describe_auth(&names.credentials[index]))
            .collect();
        if !used.is_empty() {
            text.push_str(&format!("\n\nAuthentication: {}.", used.join(" and ")));
        }
        let docs = doc(&text);
        quote! {
            #docs
            pub fn #method(&self, #(#arguments),*) -> builders::#builder<'_> {
                builders::#builder::new(self, #(#values),*)
            }
        }
    });

    let BaseUrl {
        constant,
        field,
        default,
        mut setter_doc,
        assign,
        build,
    } = base;
    if !names.servers.is_empty() {
        let others: Vec<String> = names
            .servers
            .iter()
            .map(|(_, ident)| format!("[`{ident}`](Self::{ident})"))
            .collect();
        let note = doc(&format!(
            "Operations the description sends to a server of their own keep it: see {}.",
            others.join(", ")
        ));
        setter_doc = quote!(#setter_doc #[doc = ""] #note);
    }

    let request_to = (!names.servers.is_empty()).then(|| {
        quote! {
            /// Starts a request to `path` (already encoded) under `base`, an operation's own
            /// base URL.
            pub(crate) fn request_to(
                &self,
                base: &reqwest::Url,
                method: reqwest::Method,
                path: &str,
            ) -> Result<reqwest::RequestBuilder, runtime::InvalidRequest> {
                let url = runtime::join_url(base, path)?;
                Ok(self.http.request(method, url))
            }
        }
    });
    // Typed path parameters name generated types in method signatures.
    let types_import = api
        .operations
        .iter()
        .flat_map(|op| op.params_in(crate::ir::Location::Path))
        .any(|(_, param)| names_a_type(&param.ty))
        .then(|| {
            quote!(
                use super::types;
            )
        });
    quote! {
        use std::time::Duration;

        use super::{builders, runtime};
        #types_import

        #client_docs
        #[derive(Debug, Clone)]
        pub struct Client {
            http: reqwest::Client,
            base_url: reqwest::Url,
            settings: runtime::Settings,
            #(#client_fields,)*
        }

        impl Client {
            #constant

            /// Starts configuring a client.
            pub fn builder() -> ClientBuilder {
                ClientBuilder::default()
            }

            /// The base URL every path is appended to.
            pub fn base_url(&self) -> &reqwest::Url {
                &self.base_url
            }

            #request_to

            /// Starts a request to `path` (already encoded) under the base URL.
            pub(crate) fn request(
                &self,
                method: reqwest::Method,
                path: &str,
            ) -> Result<reqwest::RequestBuilder, runtime::InvalidRequest> {
                let url = runtime::join_url(&self.base_url, path)?;
                Ok(self.http.request(method, url))
            }

            /// Makes a call of `operation`: each attempt builds its request with `build`, and
            /// is retried, timed and hooked as the client's settings and `options` say.
            pub(crate) async fn execute<E>(
                &self,
                operation: &'static runtime::Operation,
                options: &runtime::RequestOptions,
                build: impl Fn() -> Result<reqwest::RequestBuilder, runtime::InvalidRequest>,
            ) -> Result<runtime::Received, runtime::Error<E>> {
                runtime::execute(&self.http, &self.settings, operation, options, build).await
            }

            #(#authorizers)*

            #(#methods)*
        }

        /// Configures a [`Client`]: base URL, credentials, retries, timeouts, limits and a
        /// request hook.
        #[derive(Debug)]
        pub struct ClientBuilder {
            #field,
            #(#builder_fields,)*
            settings: runtime::Settings,
            connect_timeout: Duration,
            http_client: Option<reqwest::Client>,
        }

        impl Default for ClientBuilder {
            fn default() -> Self {
                Self {
                    #default,
                    #(#builder_defaults,)*
                    settings: runtime::Settings::default(),
                    connect_timeout: Duration::from_secs(10),
                    http_client: None,
                }
            }
        }

        impl ClientBuilder {
            #setter_doc
            pub fn base_url(mut self, url: impl Into<String>) -> Self {
                #assign
                self
            }

            #(#setters)*

            /// Sets when calls are retried and how long the client waits in between (see
            /// [`RetryPolicy`](runtime::RetryPolicy) for the rules);
            /// [`RetryPolicy::none()`](runtime::RetryPolicy::none) turns retries off.
            ///
            /// Default: [`RetryPolicy::default()`](runtime::RetryPolicy::default), 3 attempts.
            pub fn retry(mut self, policy: runtime::RetryPolicy) -> Self {
                self.settings.retry = policy;
                self
            }

            /// Sets the timeout of each attempt, from sending to the end of the body (for an
            /// event stream: until it starts, then for each wait for more); `None` waits
            /// indefinitely.
            ///
            /// Default: 30 seconds.
            pub fn timeout(mut self, timeout: Option<Duration>) -> Self {
                self.settings.timeout = timeout;
                self
            }

            /// Sets the deadline of a whole call, retries and the waits between them included;
            /// `None` has none. A retry that cannot finish in time is not started.
            ///
            /// Default: 2 minutes.
            pub fn deadline(mut self, deadline: Option<Duration>) -> Self {
                self.settings.deadline = deadline;
                self
            }

            /// Sets the largest response body the client reads; a larger one fails the call
            /// with [`Error::TooLarge`](super::Error::TooLarge).
            ///
            /// Default: 32 MiB.
            pub fn max_response_bytes(mut self, limit: usize) -> Self {
                self.settings.max_response_bytes = limit;
                self
            }

            /// Sets the timeout for establishing a connection.
            ///
            /// Default: 10 seconds.
            pub fn connect_timeout(mut self, timeout: Duration) -> Self {
                self.connect_timeout = timeout;
                self
            }

            /// Uses this `reqwest` client (its proxy, TLS and middleware settings) instead of
            /// building one; [`connect_timeout`](Self::connect_timeout) is then not applied
            /// (retries, timeouts and limits are).
            ///
            /// Default: a client built by this builder.
            pub fn http_client(mut self, client: reqwest::Client) -> Self {
                self.http_client = Some(client);
                self
            }

            /// Sets a function that sees, and may change, every attempt just before it is sent:
            /// sign requests for authentication schemes the client cannot perform itself (AWS
            /// Signature v4, digest, Hawk, OAuth 1.0), add headers, or log. An error from the
            /// hook fails the call with [`Error::InvalidRequest`](super::Error::InvalidRequest).
            ///
            /// Default: none.
            pub fn request_hook(
                mut self,
                hook: impl Fn(&mut reqwest::Request) -> Result<(), runtime::HookError>
                    + Send
                    + Sync
                    + 'static,
            ) -> Self {
                self.settings.hook = Some(runtime::RequestHook::new(hook));
                self
            }

            /// Sets an async function run before each attempt, after credentials and the
            /// request hook: it gets the attempt (the operation, its number) and the request,
            /// and gives back the request to send. An error from it fails the call with
            /// [`Error::InvalidRequest`](super::Error::InvalidRequest).
            ///
            /// Default: none.
            pub fn before_attempt<F, Fut>(mut self, hook: F) -> Self
            where
                F: Fn(runtime::Attempt, reqwest::Request) -> Fut + Send + Sync + 'static,
                Fut: std::future::Future<Output = Result<reqwest::Request, runtime::HookError>>
                    + Send
                    + 'static,
            {
                self.settings.before_attempt = Some(runtime::BeforeAttempt::new(hook));
                self
            }

            /// Sets an async function run after each response arrives, retried ones
            /// included, before it is decoded: for metrics and logs.
            ///
            /// Default: none.
            pub fn after_response<F, Fut>(mut self, hook: F) -> Self
            where
                F: Fn(runtime::Answer<'_>) -> Fut + Send + Sync + 'static,
                Fut: std::future::Future<Output = ()> + Send + 'static,
            {
                self.settings.after_response = Some(runtime::AfterResponse::new(hook));
                self
            }

            #token_setters

            /// Builds the client, checking the base URL and credentials.
            pub fn build(self) -> Result<Client, runtime::BuildError> {
                #build
                #(#builds)*
                let http = match self.http_client {
                    Some(client) => client,
                    None => reqwest::Client::builder()
                        .connect_timeout(self.connect_timeout)
                        .build()?,
                };
                Ok(Client {
                    http,
                    base_url,
                    settings: self.settings,
                    #(#inits,)*
                })
            }
        }
    }
}

/// `token_provider`, and `client_credentials` when the description gives exactly one OAuth 2.0
/// client-credentials token URL; only for APIs sent with bearer tokens.
fn token_setters(api: &Api, names: &Names) -> TokenStream {
    let Some(bearer) = names
        .credentials
        .iter()
        .zip(&names.auth)
        .find(|(credential, _)| matches!(credential, Credential::Bearer { .. }))
        .map(|(_, auth_names)| &auth_names.setter)
    else {
        return TokenStream::new();
    };
    let provider_docs = doc(&format!(
        "Gets bearer tokens from `provider` (a refresh flow, a vault): each token is cached \
         until shortly before it expires, and replaced once per call when a server answers \
         `401`. A token set with [`{bearer}`](Self::{bearer}) is sent instead, when both are \
         set.\n\nDefault: none."
    ));
    let provider = quote! {
        #provider_docs
        pub fn token_provider(mut self, provider: impl runtime::TokenProvider) -> Self {
            self.settings.tokens = Some(std::sync::Arc::new(runtime::Tokens::new(provider)));
            self
        }
    };
    let urls: std::collections::BTreeSet<&str> = api
        .security_schemes
        .iter()
        .filter_map(|scheme| match &scheme.kind {
            crate::ir::SchemeKind::OAuth2 {
                token_url: Some(url),
                ..
            } => Some(url.as_str()),
            _ => None,
        })
        .collect();
    let [url] = urls.into_iter().collect::<Vec<_>>()[..] else {
        return provider;
    };
    let docs = doc(&format!(
        "Gets bearer tokens with OAuth 2.0 client credentials from the description's token URL \
         (`{}`), as [`token_provider`](Self::token_provider) does with \
         [`ClientCredentials`](runtime::ClientCredentials); build one yourself for another URL \
         or scopes.\n\nDefault: none. The secret is never printed by `Debug`.",
        crate::docs::inline(url)
    ));
    quote! {
        #provider

        #docs
        pub fn client_credentials(
            self,
            client_id: impl Into<String>,
            client_secret: impl Into<String>,
        ) -> Self {
            self.token_provider(runtime::ClientCredentials::new(#url, client_id, client_secret))
        }
    }
}

/// The pieces of the client that handle the base URL.
struct BaseUrl {
    constant: TokenStream,
    field: TokenStream,
    default: TokenStream,
    setter_doc: TokenStream,
    assign: TokenStream,
    build: TokenStream,
}

fn base_url(api: &Api) -> BaseUrl {
    let server = api.servers.first();
    // Placeholders take their defaults; the whole URL is the client's to change.
    let url = server.and_then(crate::ir::Server::default_url);
    let variable = server.and_then(|server| server.variable.as_ref());
    match &url {
        Some(default) => {
            let const_doc = doc(&match variable {
                Some(variable) => format!(
                    "The default base URL (the description's `{}` variable).",
                    crate::docs::inline(variable)
                ),
                None => "The default base URL.".to_owned(),
            });
            BaseUrl {
                constant: quote! {
                    #const_doc
                    pub const DEFAULT_BASE_URL: &'static str = #default;
                },
                field: quote!(base_url: String),
                default: quote!(base_url: Client::DEFAULT_BASE_URL.to_owned()),
                setter_doc: doc(&format!(
                    "Sets the base URL every path is appended to.\n\nDefault: \
                     [`Client::DEFAULT_BASE_URL`] (`{}`).",
                    crate::docs::inline(default)
                )),
                assign: quote!(self.base_url = url.into();),
                build: quote!(let base_url = runtime::parse_base_url(&self.base_url)?;),
            }
        }
        None => {
            let variable = variable
                .map(|variable| {
                    format!(
                        " (the description's `{}` variable)",
                        crate::docs::inline(variable)
                    )
                })
                .unwrap_or_default();
            BaseUrl {
                constant: quote!(),
                field: quote!(base_url: Option<String>),
                default: quote!(base_url: None),
                setter_doc: doc(&format!(
                    "Sets the base URL every path is appended to{variable}.\n\nRequired: the \
                     description gives no default."
                )),
                assign: quote!(self.base_url = Some(url.into());),
                build: quote! {
                    let base_url = self
                        .base_url
                        .as_deref()
                        .ok_or_else(|| runtime::BuildError::new("a base URL is required: call `ClientBuilder::base_url`"))?;
                    let base_url = runtime::parse_base_url(base_url)?;
                },
            }
        }
    }
}

/// A configuration variable: a builder setter with the description's value as default, and a
/// client field (a `String` when some path needs it, checked by `build`).
fn configuration_variable(variable: &crate::ir::ConfigValue, ident: &Ident) -> Configured {
    let name = crate::docs::inline(&variable.name);
    let default_doc = match &variable.default {
        Some(default) => format!("Default: `{}`.", crate::docs::inline(default)),
        None if variable.required => {
            "Required: the description gives no value, and requests need one.".to_owned()
        }
        None => "Default: none; parameters that use it are then not sent.".to_owned(),
    };
    let mut text = format!("Sets the `{name}` variable.");
    if let Some(description) = super::rustdoc::of(&variable.docs) {
        text.push_str("\n\n");
        text.push_str(&description);
    }
    text.push_str("\n\n");
    text.push_str(&default_doc);
    let docs = doc(&text);
    let default = match &variable.default {
        Some(value) => quote!(#ident: Some(#value.to_owned())),
        None => quote!(#ident: None),
    };
    let (client_field, build) = if variable.required {
        let message = format!("the `{name}` variable is required: call `ClientBuilder::{ident}`");
        (
            quote!(pub(crate) #ident: String),
            quote! {
                let #ident = self.#ident.ok_or_else(|| runtime::BuildError::new(#message))?;
            },
        )
    } else {
        (
            quote!(pub(crate) #ident: Option<String>),
            quote!(let #ident = self.#ident;),
        )
    };
    Configured {
        ident: ident.clone(),
        client_field,
        builder_field: quote!(#ident: Option<String>),
        setter: quote! {
            #docs
            pub fn #ident(mut self, value: impl Into<String>) -> Self {
                self.#ident = Some(value.into());
                self
            }
        },
        build,
        builder_default: default,
        authorize: TokenStream::new(),
    }
}

/// The base URL of the operations the description sends to `server` instead of the API's.
fn server_setting(
    api: &Api,
    names: &Names,
    server: &crate::ir::OperationServer,
    ident: &Ident,
) -> Configured {
    let methods: Vec<String> = names
        .ordered(api)
        .filter(|(op, _)| op.server.as_ref().is_some_and(|own| own.same_base(server)))
        .map(|(_, op_names)| format!("[`Client::{0}`](Client::{0})", op_names.method))
        .collect();
    let variable = server
        .variable
        .as_deref()
        .map(|name| {
            format!(
                " (the collection's `{{{{{}}}}}` variable)",
                crate::docs::inline(name)
            )
        })
        .unwrap_or_default();
    let Some(url) = &server.url else {
        let docs = doc(&format!(
            "Sets the base URL{variable} of the operations the description sends to their own \
             server instead of the API's: {}.\n\nDefault: none; the description gives no \
             value, so those operations are refused until it is set.",
            methods.join(", ")
        ));
        return Configured {
            ident: ident.clone(),
            client_field: quote!(pub(crate) #ident: Option<reqwest::Url>),
            builder_field: quote!(#ident: Option<String>),
            builder_default: quote!(#ident: None),
            setter: quote! {
                #docs
                pub fn #ident(mut self, url: impl Into<String>) -> Self {
                    self.#ident = Some(url.into());
                    self
                }
            },
            build: quote! {
                let #ident = self.#ident.as_deref().map(runtime::parse_base_url).transpose()?;
            },
            authorize: TokenStream::new(),
        };
    };
    let docs = doc(&format!(
        "Sets the base URL{variable} of the operations the description sends to their own \
         server instead of the API's: {}.\n\nDefault: `{}`.",
        methods.join(", "),
        crate::docs::inline(url)
    ));
    Configured {
        ident: ident.clone(),
        client_field: quote!(pub(crate) #ident: reqwest::Url),
        builder_field: quote!(#ident: String),
        builder_default: quote!(#ident: #url.to_owned()),
        setter: quote! {
            #docs
            pub fn #ident(mut self, url: impl Into<String>) -> Self {
                self.#ident = url.into();
                self
            }
        },
        build: quote!(let #ident = runtime::parse_base_url(&self.#ident)?;),
        authorize: TokenStream::new(),
    }
}

/// Something the client is configured with (a credential, a variable): its field in the
/// builder and the client, setter, default, how `build` moves it over, and for credentials the
/// method that adds it to a request.
struct Configured {
    ident: Ident,
    client_field: TokenStream,
    builder_field: TokenStream,
    builder_default: TokenStream,
    setter: TokenStream,
    build: TokenStream,
    authorize: TokenStream,
}

fn credential(scheme: &Credential, auth_names: &AuthNames) -> Option<Configured> {
    let ident = auth_names.setter.clone();
    let method = &auth_names.method;
    let never_printed = "The value is never printed by `Debug`.";
    let credential = match scheme {
        Credential::Hook { .. } => return None,
        Credential::Bearer { keys, variable } => {
            let what = match variable.as_deref() {
                Some(name) => format!(
                    "the collection's `{{{{{}}}}}` variable",
                    crate::docs::inline(name)
                ),
                None => format!(
                    "the description's {} authentication",
                    super::code_list(keys, " and ")
                ),
            };
            let docs = doc(&format!(
                "Sets the token sent as `Authorization: Bearer <token>` ({what}).\n\nDefault: \
                 none; requests are sent without it. {never_printed}"
            ));
            Configured {
                client_field: quote!(#ident: Option<reqwest::header::HeaderValue>),
                builder_field: quote!(#ident: Option<secrecy::SecretString>),
                builder_default: quote!(#ident: None),
                setter: quote! {
                    #docs
                    pub fn #ident(mut self, token: impl Into<String>) -> Self {
                        self.#ident = Some(secrecy::SecretString::from(token.into()));
                        self
                    }
                },
                build: quote! {
                    let #ident = self.#ident.as_ref().map(runtime::bearer_header).transpose()?;
                },
                authorize: quote! {
                    /// Adds the bearer token, when configured.
                    pub(crate) fn #method(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
                        match &self.#ident {
                            Some(value) => request.header(reqwest::header::AUTHORIZATION, value.clone()),
                            None => request,
                        }
                    }
                },
                ident,
            }
        }
        Credential::Basic { .. } => {
            let docs = doc(&format!(
                "Sets the user name and password sent with HTTP basic authentication.\n\n\
                 Default: none; requests are sent without them. {never_printed}"
            ));
            Configured {
                client_field: quote!(#ident: Option<(String, secrecy::SecretString)>),
                builder_field: quote!(#ident: Option<(String, secrecy::SecretString)>),
                builder_default: quote!(#ident: None),
                setter: quote! {
                    #docs
                    pub fn #ident(mut self, username: impl Into<String>, password: impl Into<String>) -> Self {
                        self.#ident = Some((username.into(), secrecy::SecretString::from(password.into())));
                        self
                    }
                },
                build: quote!(let #ident = self.#ident;),
                authorize: quote! {
                    /// Adds the basic credentials, when configured.
                    pub(crate) fn #method(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
                        match &self.#ident {
                            Some((username, password)) => request.basic_auth(
                                username,
                                Some(secrecy::ExposeSecret::expose_secret(password)),
                            ),
                            None => request,
                        }
                    }
                },
                ident,
            }
        }
        Credential::ApiKey { name, location } => {
            let place = match location {
                KeyLocation::Header => "header",
                KeyLocation::Query => "query parameter",
                KeyLocation::Cookie => "cookie",
            };
            let docs = doc(&format!(
                "Sets the API key sent in the `{}` {place}.\n\nDefault: none; requests are sent \
                 without it. {never_printed}",
                crate::docs::inline(name)
            ));
            let setter = quote! {
                #docs
                pub fn #ident(mut self, key: impl Into<String>) -> Self {
                    self.#ident = Some(secrecy::SecretString::from(key.into()));
                    self
                }
            };
            let builder_field = quote!(#ident: Option<secrecy::SecretString>);
            let what = format!("the API key for `{}`", crate::docs::inline(name));
            match location {
                // A header or a cookie: the value is checked and kept as a header value.
                KeyLocation::Header | KeyLocation::Cookie => {
                    let (value, header, purpose) = match location {
                        KeyLocation::Cookie => (
                            quote!(
                                &format!("{}={}", #name, secrecy::ExposeSecret::expose_secret(key))
                            ),
                            quote!(reqwest::header::COOKIE),
                            "Adds the API key cookie, when configured.",
                        ),
                        _ => (
                            quote!(secrecy::ExposeSecret::expose_secret(key)),
                            quote!(#name),
                            "Adds the API key header, when configured.",
                        ),
                    };
                    let purpose = doc(purpose);
                    Configured {
                        client_field: quote!(#ident: Option<reqwest::header::HeaderValue>),
                        builder_default: quote!(#ident: None),
                        builder_field,
                        setter,
                        build: quote! {
                            let #ident = self
                                .#ident
                                .as_ref()
                                .map(|key| runtime::secret_header(#what, #value))
                                .transpose()?;
                        },
                        authorize: quote! {
                            #purpose
                            pub(crate) fn #method(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
                                match &self.#ident {
                                    Some(value) => request.header(#header, value.clone()),
                                    None => request,
                                }
                            }
                        },
                        ident,
                    }
                }
                KeyLocation::Query => Configured {
                    client_field: quote!(#ident: Option<secrecy::SecretString>),
                    builder_default: quote!(#ident: None),
                    builder_field,
                    setter,
                    build: quote!(let #ident = self.#ident;),
                    authorize: quote! {
                        /// Adds the API key query parameter, when configured.
                        pub(crate) fn #method(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
                            match &self.#ident {
                                Some(key) => request.query(&[(#name, secrecy::ExposeSecret::expose_secret(key))]),
                                None => request,
                            }
                        }
                    },
                    ident,
                },
            }
        }
    };
    Some(credential)
}

/// Whether a type's Rust spelling names a generated type.
pub(crate) fn names_a_type(ty: &crate::ir::TypeRef) -> bool {
    use crate::ir::TypeRef;
    match ty {
        TypeRef::Named(_) => true,
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            names_a_type(inner)
        }
        TypeRef::Scalar(_) | TypeRef::Any => false,
    }
}
